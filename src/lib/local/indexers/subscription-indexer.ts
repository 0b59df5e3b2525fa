/**
 * Keeps one `subscriptions` row per engagement from its `sub:<id>` document: package, sessions
 * used and remaining, last session and the revenue paid, for the coach's client list. A ledger
 * is small (one entry per session), so each batch recomputes the row whole.
 */
import type * as Y from 'yjs';
import * as sub from '../../docs/subscription-doc';
import { paidRevenue } from '../../docs/subscription-purchases';
import type { SubscriptionRow } from '../db';
import { DEFAULT_DEBOUNCE_MS, createBatcher, reportIndexError } from './batcher';
import { onDestroy } from './doc-parts';
import type { DetachIndexer, IndexerOptions } from './engagement-indexer';

export function subscriptionRow(doc: Y.Doc, engagementId: string): SubscriptionRow {
	const pkg = sub.readPackage(doc);
	const usage = sub.usage(doc);
	// Payments: revenue is what was paid (purchases minus refunds), not the package price.
	const revenue = paidRevenue(doc);
	return {
		engagementId,
		packageName: pkg?.name ?? null,
		sessionsTotal: usage.total,
		sessionsUsed: usage.used,
		sessionsBooked: usage.booked,
		sessionsRemaining: usage.remaining,
		sessionsCompleted: usage.completed,
		lastSessionAt: usage.lastSessionAt,
		priceCents: revenue?.cents ?? 0,
		currency: revenue?.currency ?? null
	};
}

export function attachSubscriptionIndexer(
	options: Omit<IndexerOptions, 'userId'> & { engagementId: string }
): DetachIndexer {
	const { db, doc, engagementId } = options;
	const batcher = createBatcher({
		db,
		debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
		take: () => {
			const row = subscriptionRow(doc, engagementId);
			return () => db.subscriptions.put(row).then(() => undefined);
		},
		onError: options.onError ?? reportIndexError
	});
	const stops = [sub.onChange(doc, () => batcher.schedule()), onDestroy(doc, () => detach())];
	batcher.schedule();
	const detach = () => {
		batcher.close();
		stops.splice(0).forEach((stop) => stop());
	};
	return Object.assign(detach, { flush: () => batcher.flush() });
}
