import { describe, expect, it } from 'vitest';
import { parseLogin, parseSignup } from './auth-input';

describe('parseSignup', () => {
	it('trims the name and normalises the email', () => {
		const result = parseSignup({
			name: '  Ann ',
			email: ' Ann@Example.COM ',
			password: 'password1'
		});
		expect(result).toEqual({
			ok: true,
			value: { name: 'Ann', email: 'ann@example.com', password: 'password1' }
		});
	});

	it.each([
		[null, 'Send a JSON object'],
		[[], 'Send a JSON object'],
		['text', 'Send a JSON object'],
		[{ email: 'a@b.co', password: 'password1' }, 'Enter your name.'],
		[{ name: 'A', password: 'password1' }, 'Enter your email address.'],
		[{ name: 'A', email: 'not-an-email', password: 'password1' }, 'valid email'],
		[{ name: 'A', email: 'a@b.co', password: 'short' }, 'at least 8'],
		[{ name: 'A', email: 'a@b.co' }, 'at least 8'],
		[{ name: 'A', email: 'a@b.co', password: 'x'.repeat(257) }, 'at most 256'],
		[{ name: 42, email: 'a@b.co', password: 'password1' }, 'Enter your name.']
	])('refuses %j with a clear message', (body, message) => {
		const result = parseSignup(body);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe('invalid-input');
			expect(result.error.message).toContain(message);
		}
	});
});

describe('parseLogin', () => {
	it('normalises the email and keeps the password as typed', () => {
		expect(parseLogin({ email: ' X@Y.ORG', password: ' pass ' })).toEqual({
			ok: true,
			value: { email: 'x@y.org', password: ' pass ' }
		});
	});

	it('asks for the missing password', () => {
		const result = parseLogin({ email: 'x@y.org' });
		expect(!result.ok && result.error.message).toBe('Enter your password.');
	});
});
