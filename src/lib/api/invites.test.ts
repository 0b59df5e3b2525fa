import { describe, expect, it } from 'vitest';
import { acceptInputSchema, inviteInputSchema } from './invites';
import { parseWith } from './parse';

describe('inviteInputSchema', () => {
	it('trims, lower-cases the email and turns blank optional text into null', () => {
		expect(
			parseWith(inviteInputSchema, {
				name: '  Ada ',
				email: ' Ada@Example.COM ',
				clientType: '   ',
				message: ' Hi ',
				extra: 'dropped'
			})
		).toEqual({
			ok: true,
			value: {
				name: 'Ada',
				email: 'ada@example.com',
				clientType: null,
				message: 'Hi',
				packageId: null
			}
		});
	});

	it("speaks of the client's name and email, not the coach's own", () => {
		const parsed = parseWith(inviteInputSchema, { email: 'nope' });
		expect(parsed).toMatchObject({
			ok: false,
			message: "Enter the client's name.",
			fields: { name: "Enter the client's name.", email: expect.stringMatching(/valid email/) }
		});
	});

	it('refuses an array or a bare value with what to send, and badly typed or long text', () => {
		const what = "Send a JSON object with the client's name and email.";
		expect(parseWith(inviteInputSchema, [])).toMatchObject({ ok: false, message: what });
		expect(parseWith(inviteInputSchema, 'Ada')).toMatchObject({ ok: false, message: what });
		const base = { name: 'Ada', email: 'ada@example.com' };
		expect(parseWith(inviteInputSchema, { ...base, clientType: 3 })).toMatchObject({
			ok: false,
			message: '"clientType" must be a string.'
		});
		expect(parseWith(inviteInputSchema, { ...base, message: 'x'.repeat(2001) })).toMatchObject({
			ok: false,
			message: '"message" can be at most 2000 characters.'
		});
	});
});

describe('acceptInputSchema', () => {
	it('needs a password; a blank name keeps the one the coach typed (null)', () => {
		expect(parseWith(acceptInputSchema, { name: ' ' })).toMatchObject({
			ok: false,
			message: 'Enter a password.'
		});
		expect(parseWith(acceptInputSchema, { password: 'pw', name: '  ' })).toEqual({
			ok: true,
			value: { password: 'pw', name: null }
		});
		expect(parseWith(acceptInputSchema, { password: 'pw', name: 5 })).toMatchObject({
			ok: false,
			message: '"name" must be a string.'
		});
	});
});
