import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../../../../tests/factories/actors';
import { openIndexDb, type ConversationRow, type TandemIndexDb } from '../../local/db';
import { listConversations } from '../../local/indexers/queries';
import { Outbox } from '../../local/outbox';
import { observe } from '../../../../tests/factories/observe.svelte';
import { LiveQuery } from './live-query.svelte';
import { OutboxState } from './outbox-state.svelte';

const databases: TandemIndexDb[] = [];
afterEach(async () => {
	for (const db of databases.splice(0)) {
		await db.delete();
	}
});

function freshDb(name: string): TandemIndexDb {
	const db = openIndexDb(name);
	databases.push(db);
	return db;
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
		flushSync();
	}
	expect(condition()).toBe(true);
}

const row = (engagementId: string, lastMessageAt: number): ConversationRow => ({
	engagementId,
	lastMessageId: `${engagementId}-m`,
	lastMessageText: 'hi',
	lastMessageAt,
	lastMessageAuthorId: 'client',
	unreadCount: 1,
	messageCount: 1
});

describe('LiveQuery', () => {
	it('starts loading with the initial value, then follows every write', async () => {
		const db = freshDb('live-query-follow');
		const query = new LiveQuery(() => listConversations(db), []);
		const seen = observe(() => ({
			loading: query.loading,
			ids: query.current.map((r) => r.engagementId)
		}));
		expect(seen.values[0]).toEqual({ loading: true, ids: [] });
		await until(() => !query.loading);
		await db.conversations.put(row('e1', 100));
		await until(() => query.current.length === 1);
		await db.conversations.put(row('e2', 200));
		await until(() => query.current.length === 2);
		expect(seen.values.at(-1)).toEqual({ loading: false, ids: ['e2', 'e1'] });
		seen.stop();
	});

	it('reports a failing query as an error and recovers on the next result', async () => {
		const db = freshDb('live-query-error');
		let shouldFail = true;
		const query = new LiveQuery(async () => {
			const rows = await db.conversations.toArray();
			if (shouldFail) {
				throw new Error('index unavailable');
			}
			return rows;
		}, []);
		const seen = observe(() => query.error);
		await until(() => query.error instanceof Error);
		expect(query.loading).toBe(false);
		shouldFail = false;
		await db.conversations.put(row('e1', 1));
		await until(() => query.error === null && query.current.length === 1);
		seen.stop();
	});

	it('stops querying when no one reads it any more', async () => {
		const db = freshDb('live-query-stop');
		let runs = 0;
		const query = new LiveQuery(async () => {
			runs++;
			return db.conversations.count();
		}, 0);
		const seen = observe(() => query.current);
		await until(() => !query.loading);
		await db.conversations.put(row('e1', 1));
		await until(() => query.current === 1);
		const runsWhileRead = runs;
		seen.stop();
		await db.conversations.put(row('e2', 2));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(runs).toBe(runsWhileRead);
	});
});

describe('OutboxState', () => {
	it('lists pending and failed requests as they change', async () => {
		const db = freshDb('outbox-state');
		const outbox = new Outbox({ db, newId: sequentialIds('req') });
		const state = new OutboxState(outbox);
		const seen = observe(() => ({
			pending: state.pending.map((e) => e.kind),
			failed: state.failed.map((e) => [e.kind, e.error])
		}));
		await outbox.enqueue({ kind: 'invite.send', payload: {} });
		await outbox.enqueue({ kind: 'booking.create', payload: {} });
		await until(() => state.pending.length === 2);
		expect(state.hasPending).toBe(true);
		await outbox.flush(async (request) =>
			request.kind === 'invite.send' ? { rejected: 'Invites are closed.' } : 'sent'
		);
		await until(() => state.pending.length === 0 && state.failed.length === 1);
		expect(seen.values.at(-1)).toEqual({
			pending: [],
			failed: [['invite.send', 'Invites are closed.']]
		});
		await state.discard('req-1');
		await until(() => state.failed.length === 0);
		seen.stop();
	});
});
