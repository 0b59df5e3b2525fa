import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
	it('splits text around http(s) links', () => {
		expect(linkify('See https://example.com/a?b=1 and http://x.org.')).toEqual([
			{ kind: 'text', text: 'See ' },
			{ kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
			{ kind: 'text', text: ' and ' },
			{ kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
			{ kind: 'text', text: '.' }
		]);
	});

	it('keeps a balanced closing parenthesis, drops an enclosing one', () => {
		expect(linkify('(https://en.wikipedia.org/wiki/Tandem_(band))')).toEqual([
			{ kind: 'text', text: '(' },
			{
				kind: 'link',
				text: 'https://en.wikipedia.org/wiki/Tandem_(band)',
				href: 'https://en.wikipedia.org/wiki/Tandem_(band)'
			},
			{ kind: 'text', text: ')' }
		]);
	});

	it('never links other schemes or markup', () => {
		for (const text of [
			'javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'ftp://example.com',
			'http://'
		]) {
			expect(linkify(text).every((part) => part.kind === 'text')).toBe(true);
			expect(
				linkify(text)
					.map((p) => p.text)
					.join('')
			).toBe(text);
		}
	});

	it('stops a link at angle brackets and quotes', () => {
		const parts = linkify('<a href="https://evil.example/">x</a>');
		expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual([
			'https://evil.example/'
		]);
		expect(parts.map((p) => p.text).join('')).toBe('<a href="https://evil.example/">x</a>');
	});

	it('a right-to-left override cannot disguise a link: controls are gone from text and href', () => {
		const spoof =
			'Invoice: https://evil.example/\u202Efdp.exe and \u2067https://a.example/\u2069 ok';
		const links = linkify(spoof).filter((p) => p.kind === 'link');
		expect(links).toEqual([
			{ kind: 'link', text: 'https://evil.example/fdp.exe', href: 'https://evil.example/fdp.exe' },
			{ kind: 'link', text: 'https://a.example/', href: 'https://a.example/' }
		]);
		for (const link of links) {
			expect(link.text).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
			expect(link.href).not.toMatch(/%E2%80%AE|%E2%81%A9/i);
		}
	});

	it('a link made only of controls after the scheme is not a link', () => {
		expect(linkify('https://\u202E').every((p) => p.kind === 'text')).toBe(true);
	});

	it('plain text is one part; empty text none', () => {
		expect(linkify('hello')).toEqual([{ kind: 'text', text: 'hello' }]);
		expect(linkify('')).toEqual([]);
	});
});
