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
});
