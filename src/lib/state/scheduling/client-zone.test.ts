import { describe, expect, it } from 'vitest';
import { timeForClient, zonePlace } from './client-zone';

// Tue 6 Jan 2026, 08:00 UTC: 15:00 in Ho Chi Minh City, 09:00 in Berlin, 21:00 in Auckland.
const AT = Date.parse('2026-01-06T08:00:00Z');

describe('the client’s time on the coach’s booking screen', () => {
	it('names the zone by its place', () => {
		expect(zonePlace('Europe/Berlin')).toBe('Berlin');
		expect(zonePlace('Asia/Ho_Chi_Minh')).toBe('Ho Chi Minh');
		expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
		expect(zonePlace('UTC')).toBe('UTC');
	});

	it('shows the chosen time where the client is', () => {
		expect(
			timeForClient(AT, 'Asia/Ho_Chi_Minh', { name: 'Ana', zone: 'Europe/Berlin' }, 'en-GB')
		).toBe('9:00 for Ana (Berlin)');
	});

	it('adds the client’s day when it is another one', () => {
		const late = Date.parse('2026-01-06T12:30:00Z'); // 19:30 in HCM, 01:30 Wednesday in Auckland
		expect(
			timeForClient(late, 'Asia/Ho_Chi_Minh', { name: 'Ana', zone: 'Pacific/Auckland' }, 'en-GB')
		).toBe('Wednesday 7 January, 1:30 for Ana (Auckland)');
	});

	it('says nothing when the zone is unknown or shows the same time', () => {
		expect(timeForClient(AT, 'Europe/Berlin', { name: 'Ana', zone: null })).toBeNull();
		expect(timeForClient(AT, 'Europe/Berlin', { name: 'Ana', zone: 'Europe/Paris' })).toBeNull();
	});
});
