import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from './actor';
import { serverOrigin } from './origin';
import {
	addPurchase,
	listPurchases,
	paidRevenue,
	setRefund,
	type PurchaseEntry
} from './subscription-purchases';

const actor = createActor({ userId: 'coach', origin: serverOrigin('purchase-paid'), now: () => 5 });
const purchase = (invoiceId: string, purchasedAt: number): PurchaseEntry => ({
	invoiceId,
	packageName: 'Six sessions',
	sessions: 6,
	priceCents: 45000,
	currency: 'EUR',
	complimentary: false,
	purchasedAt
});

describe('sub: purchases', () => {
	it('adds each invoice once and lists purchases oldest first', () => {
		const doc = new Y.Doc();
		expect(addPurchase(doc, actor, purchase('b', 20))).toEqual({ ok: true, value: true });
		expect(addPurchase(doc, actor, purchase('a', 10))).toEqual({ ok: true, value: true });
		// A replayed webhook writes the same invoice again: nothing changes.
		expect(addPurchase(doc, actor, { ...purchase('b', 99), sessions: 60 })).toEqual({
			ok: true,
			value: false
		});
		expect(listPurchases(doc).map((p) => [p.invoiceId, p.sessions])).toEqual([
			['a', 6],
			['b', 6]
		]);
	});

	it('refuses negative prices and fractional sessions, writing nothing', () => {
		const doc = new Y.Doc();
		expect(addPurchase(doc, actor, { ...purchase('a', 1), priceCents: -1 })).toMatchObject({
			ok: false
		});
		expect(addPurchase(doc, actor, { ...purchase('a', 1), sessions: 1.5 })).toMatchObject({
			ok: false
		});
		expect(listPurchases(doc)).toEqual([]);
	});

	it('records refunds as totals, so writing them again changes nothing', () => {
		const doc = new Y.Doc();
		addPurchase(doc, actor, purchase('a', 1));
		const refund = { invoiceId: 'a', refundedCents: 10000, sessions: 4 };
		expect(setRefund(doc, actor, refund)).toEqual({ ok: true, value: true });
		expect(setRefund(doc, actor, refund)).toEqual({ ok: true, value: false });
		expect(listPurchases(doc)[0]).toMatchObject({ refundedCents: 10000, sessions: 4 });
		expect(paidRevenue(doc)).toEqual({ cents: 35000, currency: 'EUR' });
		expect(setRefund(doc, actor, { ...refund, invoiceId: 'missing' })).toMatchObject({
			ok: false,
			error: 'not-found'
		});
	});
});
