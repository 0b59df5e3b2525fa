import { describe, expect, it } from 'vitest';
import { homeFor, safeRedirectTarget } from './navigation';

describe('navigation', () => {
	it('sends each role to its own area', () => {
		expect(homeFor('coach')).toBe('/coach');
		expect(homeFor('client')).toBe('/client');
	});

	it('follows only same-site paths after sign-in', () => {
		expect(safeRedirectTarget('/coach?tab=1')).toBe('/coach?tab=1');
		expect(safeRedirectTarget('//evil.example')).toBeNull();
		expect(safeRedirectTarget('/\\evil.example')).toBeNull();
		expect(safeRedirectTarget('https://evil.example')).toBeNull();
		expect(safeRedirectTarget('')).toBeNull();
		expect(safeRedirectTarget(null)).toBeNull();
	});
});
