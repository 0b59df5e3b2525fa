import { describe, expect, it } from 'vitest';
import { sessionTokenFromCookieHeader } from './cookie';

describe('sessionTokenFromCookieHeader', () => {
	it('finds the session cookie among others', () => {
		expect(sessionTokenFromCookieHeader('a=1; tandem_session=abc.def; b=2')).toBe('abc.def');
	});

	it('returns undefined when absent or undecodable', () => {
		expect(sessionTokenFromCookieHeader(undefined)).toBeUndefined();
		expect(sessionTokenFromCookieHeader('other=1')).toBeUndefined();
		expect(sessionTokenFromCookieHeader('tandem_session=%E0%A4%A')).toBeUndefined();
	});

	it('over https reads only the __Host- cookie, which a subdomain cannot plant', () => {
		const header = 'tandem_session=planted; __Host-tandem_session=real';
		expect(sessionTokenFromCookieHeader(header, true)).toBe('real');
		expect(sessionTokenFromCookieHeader('tandem_session=planted', true)).toBeUndefined();
		expect(sessionTokenFromCookieHeader(header, false)).toBe('planted');
	});
});
