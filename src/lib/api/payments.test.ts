import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseWith } from './parse';
import { manualInvoiceInputSchema, paymentLinkInputSchema, refundInputSchema } from './payments';

const manual = {
	engagementId: 'e1',
	description: ' Four sessions ',
	amountCents: 40000,
	currency: 'eur'
};

describe('payments schemas', () => {
	it('reads a manual invoice with its defaults, trimmed text and an upper-case currency', () => {
		expect(v.parse(manualInvoiceInputSchema, manual)).toEqual({
			engagementId: 'e1',
			description: 'Four sessions',
			amountCents: 40000,
			currency: 'EUR',
			sessions: 0,
			dueInDays: 14
		});
	});

	it('names the first broken field in the order of the form, a missing one as a wrong one', () => {
		expect(parseWith(manualInvoiceInputSchema, { ...manual, description: '   ' })).toMatchObject({
			message: '"description" must be 1 to 200 characters.'
		});
		expect(
			parseWith(manualInvoiceInputSchema, { ...manual, currency: 'ZZZ', dueInDays: 400 })
		).toMatchObject({ message: '"currency" must be an ISO 4217 code such as "EUR".' });
		const noAmount: Record<string, unknown> = { ...manual };
		delete noAmount.amountCents;
		expect(parseWith(manualInvoiceInputSchema, noAmount)).toMatchObject({
			message: '"amountCents" must be a whole number of cents above 0.',
			fields: { amountCents: '"amountCents" must be a whole number of cents above 0.' }
		});
		expect(parseWith(manualInvoiceInputSchema, 'invoice')).toMatchObject({
			message: 'Send the "engagementId" of the client to invoice.'
		});
	});

	it('refunds a whole positive amount, sessions defaulting to none taken back', () => {
		expect(v.parse(refundInputSchema, { amountCents: 500 })).toEqual({
			amountCents: 500,
			sessionsRemoved: 0
		});
		for (const amountCents of [0, 1.5, '500']) {
			expect(parseWith(refundInputSchema, { amountCents })).toMatchObject({
				message: '"amountCents" must be a whole number of cents above 0.'
			});
		}
	});

	it('trims the ids of a payment link and refuses blank ones', () => {
		expect(v.parse(paymentLinkInputSchema, { engagementId: ' e1 ', packageId: 'p1' })).toEqual({
			engagementId: 'e1',
			packageId: 'p1'
		});
		expect(parseWith(paymentLinkInputSchema, { engagementId: 'e1', packageId: ' ' })).toMatchObject(
			{ message: 'Send { "engagementId", "packageId" }.' }
		);
	});
});
