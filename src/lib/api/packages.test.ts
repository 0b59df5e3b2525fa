import { describe, expect, it } from 'vitest';
import { packageAssignSchema, packageEditSchema, packageInputSchema } from './packages';
import { parseWith } from './parse';

const terms = {
	name: 'Six',
	sessionsTotal: 6,
	sessionMinutes: 50,
	priceCents: 45000,
	currency: 'eur ',
	noShowConsumesSession: true
};

describe('packageInputSchema', () => {
	it("keeps the domain's summary (with how many more) as the message and names each field", () => {
		const parsed = parseWith(packageInputSchema, { ...terms, sessionMinutes: 1, priceCents: -1 });
		expect(parsed).toMatchObject({
			ok: false,
			message: expect.stringMatching(/from 5 to 480.*\(and 1 more\)$/),
			fields: { sessionMinutes: expect.any(String), priceCents: expect.any(String) }
		});
	});

	it('upper-cases the currency, leaves selfBooking out when absent, refuses a non-boolean one', () => {
		expect(parseWith(packageInputSchema, terms)).toEqual({
			ok: true,
			value: { ...terms, currency: 'EUR' }
		});
		expect(parseWith(packageInputSchema, { ...terms, selfBooking: 'yes' })).toMatchObject({
			ok: false,
			message: '"selfBooking" must be true or false.'
		});
		// The terms' own sentences come first.
		expect(parseWith(packageInputSchema, { ...terms, name: '', selfBooking: 'yes' })).toMatchObject(
			{ ok: false, message: expect.stringMatching(/name/) }
		);
	});
});

describe('packageEditSchema', () => {
	it('types only the fields given and drops unknown keys', () => {
		expect(parseWith(packageEditSchema, { priceCents: 1, selfBooking: true, x: 1 })).toEqual({
			ok: true,
			value: { priceCents: 1, selfBooking: true }
		});
		expect(parseWith(packageEditSchema, [])).toMatchObject({
			ok: false,
			message: 'Send a JSON object with the fields to change.'
		});
	});
});

describe('packageAssignSchema', () => {
	it('trims the id and refuses a blank one with what to send', () => {
		expect(parseWith(packageAssignSchema, { packageId: ' p1 ' })).toEqual({
			ok: true,
			value: { packageId: 'p1' }
		});
		expect(parseWith(packageAssignSchema, { packageId: ' ' })).toMatchObject({
			ok: false,
			message: 'Send { "packageId": "<id of one of your packages>" }.'
		});
	});
});
