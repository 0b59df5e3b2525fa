import { describe, expect, it } from 'vitest';
import { phoneInputSchema, timeZoneInputSchema } from './account';
import { parseWith } from './parse';

const message = (parsed: ReturnType<typeof parseWith>) => (parsed.ok ? null : parsed.message);

describe('PUT /api/me/time-zone body', () => {
	const SHAPE = 'Send { "timeZone": "<IANA zone>" }, e.g. { "timeZone": "Europe/Berlin" }.';

	it('stores the current name of the zone', () => {
		expect(parseWith(timeZoneInputSchema, { timeZone: 'asia/calcutta' })).toEqual({
			ok: true,
			value: { timeZone: 'Asia/Kolkata' }
		});
	});

	it('refuses offsets, unknown zones and other shapes with one sentence', () => {
		for (const body of [
			{ timeZone: '+02:00' },
			{ timeZone: 'Mars/Base' },
			{ zone: 'UTC' },
			'UTC'
		]) {
			expect(message(parseWith(timeZoneInputSchema, body))).toBe(SHAPE);
		}
	});
});

describe('PUT /api/me/phone body', () => {
	it('tidies a number and reads blank as no number', () => {
		expect(parseWith(phoneInputSchema, { phone: ' +44  20 7946 0958 ' })).toEqual({
			ok: true,
			value: { phone: '+44 20 7946 0958' }
		});
		expect(parseWith(phoneInputSchema, { phone: '  ' })).toEqual({
			ok: true,
			value: { phone: null }
		});
	});

	it('names the domain rule for a bad number and the shape for a missing one', () => {
		expect(parseWith(phoneInputSchema, { phone: '12' })).toMatchObject({
			ok: false,
			fields: { phone: 'Enter a phone number of 6 to 15 digits, like +44 20 7946 0958.' }
		});
		expect(message(parseWith(phoneInputSchema, {}))).toBe(
			'Send { "phone": "<number>" } or { "phone": null }.'
		);
	});
});
