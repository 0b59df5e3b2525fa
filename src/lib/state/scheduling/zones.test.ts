import { describe, expect, it } from 'vitest';
import { readZone, zoneLabel, zoneOffset, zoneOptions } from './zones';

const WINTER = Date.parse('2026-01-15T12:00:00Z');
const SUMMER = Date.parse('2026-07-15T12:00:00Z');

describe('time zone choice', () => {
	it('names the offset now, daylight saving and half hours included', () => {
		expect(zoneLabel('Europe/Berlin', WINTER)).toBe('Europe/Berlin (UTC+01:00)');
		expect(zoneOffset('Europe/Berlin', SUMMER)).toBe('UTC+02:00');
		expect(zoneOffset('America/New_York', WINTER)).toBe('UTC-05:00');
		expect(zoneOffset('Asia/Kolkata', WINTER)).toBe('UTC+05:30');
		expect(zoneOffset('UTC', WINTER)).toBe('UTC+00:00');
	});

	it('offers the browser’s zone first, then the current one, each once', () => {
		const options = zoneOptions('Asia/Tokyo', 'Europe/Berlin', WINTER);
		expect(options.slice(0, 2)).toEqual([
			{ value: 'Asia/Tokyo', label: 'Asia/Tokyo (UTC+09:00)' },
			{ value: 'Europe/Berlin', label: 'Europe/Berlin (UTC+01:00)' }
		]);
		const values = options.map((o) => o.value);
		expect(new Set(values).size).toBe(values.length);
		expect(values.length).toBeGreaterThan(300);
		expect(zoneOptions('UTC', 'UTC', WINTER)[0]!.value).toBe('UTC');
	});

	it('reads what the coach typed, or says it is unknown', () => {
		const known = zoneOptions('UTC', 'UTC', WINTER).map((o) => o.value);
		expect(readZone('Europe/Berlin', known)).toBe('Europe/Berlin');
		expect(readZone('  europe/berlin ', known)).toBe('Europe/Berlin');
		expect(readZone('Europe/Berlin (UTC+01:00)', known)).toBe('Europe/Berlin');
		expect(readZone('Asia/Calcutta', known)).toBe('Asia/Calcutta');
		expect(readZone('Europe/Atlantis', known)).toBeNull();
		expect(readZone('Berlin', known)).toBeNull();
		expect(readZone('', known)).toBeNull();
		expect(readZone('+01:00', known)).toBeNull();
	});
});
