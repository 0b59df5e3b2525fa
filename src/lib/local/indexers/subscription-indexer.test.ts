import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../../docs/actor';
import * as sub from '../../docs/subscription-doc';
import { addPurchase } from '../../docs/subscription-purchases';
import { openIndexDb, type TandemIndexDb } from '../db';
import { rebuildIndex } from './rebuild';
import { attachSubscriptionIndexer } from './subscription-indexer';

const dbs: TandemIndexDb[] = [];
afterEach(async () => {
	await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function freshDb(): TandemIndexDb {
	const db = openIndexDb(`sub-test-${Math.random().toString(36).slice(2)}`);
	dbs.push(db);
	return db;
}

const coach = createActor({ userId: 'coach', now: () => Date.UTC(2026, 10, 1, 9) });

function ledger(): Y.Doc {
	const doc = new Y.Doc();
	sub.migrate(doc);
	sub.setPackage(doc, coach, {
		name: 'Six sessions',
		sessionsTotal: 6,
		sessionMinutes: 30,
		priceCents: 60_000,
		currency: 'EUR',
		noShowConsumesSession: true
	});
	return doc;
}

function record(doc: Y.Doc, outcome: 'completed' | 'no-show' | 'technical-failure', day: number) {
	const startedAt = Date.UTC(2026, 10, day, 10);
	const result = sub.recordSession(doc, coach, {
		kind: 'video',
		startedAt,
		endedAt: startedAt + 30 * 60_000,
		outcome,
		note: ''
	});
	expect(result.ok).toBe(true);
}

describe('subscription indexer', () => {
	it('keeps package, sessions used and remaining, last session and price', async () => {
		const db = freshDb();
		const doc = ledger();
		const detach = attachSubscriptionIndexer({ db, doc, engagementId: 'e1', debounceMs: 0 });
		record(doc, 'completed', 3);
		record(doc, 'technical-failure', 4);
		record(doc, 'no-show', 5);
		await detach.flush();
		expect(await db.subscriptions.get('e1')).toEqual({
			engagementId: 'e1',
			packageName: 'Six sessions',
			sessionsTotal: 6,
			sessionsUsed: 2,
			sessionsBooked: 0,
			sessionsRemaining: 4,
			sessionsCompleted: 1,
			lastSessionAt: Date.UTC(2026, 10, 3, 10),
			// Nothing paid yet: the package price is not revenue.
			priceCents: 0,
			currency: null
		});
		detach();
	});

	it('counts what was paid, minus refunds, as revenue (not the package price)', async () => {
		const db = freshDb();
		const doc = ledger();
		const detach = attachSubscriptionIndexer({ db, doc, engagementId: 'e1', debounceMs: 0 });
		const purchase = {
			packageName: 'Six sessions',
			sessions: 6,
			currency: 'EUR',
			complimentary: false,
			purchasedAt: 1
		};
		addPurchase(doc, coach, { ...purchase, invoiceId: 'i1', priceCents: 45_000 });
		addPurchase(doc, coach, {
			...purchase,
			invoiceId: 'i2',
			priceCents: 30_000,
			refundedCents: 10_000
		});
		addPurchase(doc, coach, { ...purchase, invoiceId: 'i3', priceCents: 0, complimentary: true });
		await detach.flush();
		expect(await db.subscriptions.get('e1')).toMatchObject({ priceCents: 65_000, currency: 'EUR' });
		detach();
	});

	it('equals a rebuild, also for changes from another replica', async () => {
		const incremental = freshDb();
		const doc = ledger();
		const detach = attachSubscriptionIndexer({
			db: incremental,
			doc,
			engagementId: 'e1',
			debounceMs: 0
		});
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		record(other, 'completed', 7);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'remote');
		await detach.flush();
		const rebuilt = freshDb();
		await rebuildIndex({
			db: rebuilt,
			userId: 'coach',
			docs: { engagements: [], subscriptions: [{ engagementId: 'e1', doc }] }
		});
		expect(await incremental.subscriptions.toArray()).toEqual(
			await rebuilt.subscriptions.toArray()
		);
		expect((await rebuilt.subscriptions.get('e1'))?.sessionsCompleted).toBe(1);
		detach();
	});
});
