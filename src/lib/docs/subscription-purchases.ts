/**
 * The `purchases` map of `sub:<engagementId>`: one entry per purchase (a paid package, a renewal,
 * complimentary sessions), keyed by the invoice it belongs to. Written only by the server once the
 * payment is settled, through its in-process document API; coach and client read it offline.
 * Keyed by invoice id so a webhook replayed after a restart writes the same entry, not a second one.
 */
import type * as Y from 'yjs';
import { write, type Actor } from './actor';
import { bool, isRecord, num, text } from './fields';
import { done, refused, type WriteResult } from './result';

export interface PurchaseEntry {
	readonly invoiceId: string;
	readonly packageName: string;
	readonly sessions: number;
	/** Minor units of `currency`; 0 for complimentary sessions. */
	readonly priceCents: number;
	readonly currency: string;
	readonly complimentary: boolean;
	/** Epoch ms (UTC) the payment settled. */
	readonly purchasedAt: number;
	/** Minor units given back so far (refunds); absent or 0 when none. */
	readonly refundedCents?: number;
}

const purchasesMap = (doc: Y.Doc) => doc.getMap<unknown>('purchases');

function toPurchase(value: unknown): PurchaseEntry | null {
	if (!isRecord(value) || typeof value.invoiceId !== 'string') {
		return null;
	}
	return Object.freeze({
		invoiceId: value.invoiceId,
		packageName: text(value, 'packageName'),
		sessions: num(value, 'sessions'),
		priceCents: num(value, 'priceCents'),
		currency: text(value, 'currency', 'EUR'),
		complimentary: bool(value, 'complimentary'),
		purchasedAt: num(value, 'purchasedAt'),
		refundedCents: num(value, 'refundedCents')
	});
}

/** Every purchase, oldest first (the order sessions are used up in). */
export function listPurchases(doc: Y.Doc): readonly PurchaseEntry[] {
	const out: PurchaseEntry[] = [];
	for (const value of purchasesMap(doc).values()) {
		const entry = toPurchase(value);
		if (entry) {
			out.push(entry);
		}
	}
	return Object.freeze(
		out.sort((a, b) => a.purchasedAt - b.purchasedAt || a.invoiceId.localeCompare(b.invoiceId))
	);
}

/** Adds a purchase once; false (nothing written) when its invoice is already there. */
export function addPurchase(doc: Y.Doc, actor: Actor, input: PurchaseEntry): WriteResult<boolean> {
	if (!input.invoiceId || !Number.isInteger(input.sessions) || input.sessions < 0) {
		return refused('invalid-input', 'A purchase needs an invoice and a whole number of sessions.');
	}
	if (!Number.isInteger(input.priceCents) || input.priceCents < 0) {
		return refused('invalid-input', 'A purchase price is a whole, non-negative number of cents.');
	}
	if (purchasesMap(doc).has(input.invoiceId)) {
		return done(false);
	}
	write(doc, actor, () => {
		purchasesMap(doc).set(input.invoiceId, { ...input } satisfies PurchaseEntry);
	});
	return done(true);
}

/**
 * What was actually paid on this engagement: purchases minus refunds, complimentary ones count
 * nothing. Null before the first paid purchase (a pending or unpaid client shows no revenue).
 * Amounts in another currency than the first purchase's are left out rather than mixed.
 */
export function paidRevenue(doc: Y.Doc): { cents: number; currency: string } | null {
	const paid = listPurchases(doc).filter((p) => !p.complimentary && p.priceCents > 0);
	const currency = paid[0]?.currency;
	if (!currency) {
		return null;
	}
	const cents = paid
		.filter((p) => p.currency === currency)
		.reduce((sum, p) => sum + p.priceCents - (p.refundedCents ?? 0), 0);
	return { cents, currency };
}

/**
 * Records a refund on its purchase as totals (refunded so far, sessions left), so writing the
 * same totals again after a restart changes nothing. Not-found when the purchase is missing.
 */
export function setRefund(
	doc: Y.Doc,
	actor: Actor,
	input: { invoiceId: string; refundedCents: number; sessions: number }
): WriteResult<boolean> {
	const current = toPurchase(purchasesMap(doc).get(input.invoiceId));
	if (!current) {
		return refused('not-found', 'This purchase is not in the document.');
	}
	if (current.refundedCents === input.refundedCents && current.sessions === input.sessions) {
		return done(false);
	}
	write(doc, actor, () => {
		purchasesMap(doc).set(input.invoiceId, {
			...current,
			refundedCents: input.refundedCents,
			sessions: input.sessions
		} satisfies PurchaseEntry);
	});
	return done(true);
}
