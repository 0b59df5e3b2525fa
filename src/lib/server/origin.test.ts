import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, isMutating } from './origin';

describe('origin check', () => {
	const expected = 'https://tandem.example.com';

	it('accepts the app origin and refuses any other', () => {
		expect(isAllowedOrigin({ origin: expected }, expected)).toBe(true);
		expect(isAllowedOrigin({ origin: 'https://evil.example' }, expected)).toBe(false);
		expect(isAllowedOrigin({ origin: 'http://tandem.example.com' }, expected)).toBe(false);
		expect(isAllowedOrigin({ origin: 'null' }, expected)).toBe(false);
	});

	it('lets non-browser clients without Origin through unless the browser marks them cross-site', () => {
		expect(isAllowedOrigin({}, expected)).toBe(true);
		expect(isAllowedOrigin({ secFetchSite: 'same-origin' }, expected)).toBe(true);
		expect(isAllowedOrigin({ secFetchSite: 'cross-site' }, expected)).toBe(false);
	});

	it('treats POST, PUT, PATCH and DELETE as mutating', () => {
		expect(['POST', 'put', 'PATCH', 'DELETE'].every(isMutating)).toBe(true);
		expect(['GET', 'HEAD', 'OPTIONS'].some(isMutating)).toBe(false);
	});
});
