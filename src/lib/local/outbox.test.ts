import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../../../tests/factories/actors';
import { openIndexDb, type TandemIndexDb } from './db';
import { Outbox, exponentialBackoff, type OutboxRequest, type SendResult } from './outbox';
import { startOutbox } from './outbox-runner';

const databases: TandemIndexDb[] = [];
let dbCount = 0;
afterEach(async () => {
	for (const db of databases.splice(0)) {
		await db.delete();
	}
});

function setup(options: { name?: string; backoff?: (attempts: number) => number } = {}) {
	const db = openIndexDb(options.name ?? `outbox-${++dbCount}`);
	databases.push(db);
	let time = Date.UTC(2026, 3, 1);
	const clock = { now: () => time, advance: (ms: number) => (time += ms) };
	const outbox = new Outbox({
		db,
		now: clock.now,
		newId: sequentialIds('req'),
		backoff: options.backoff ?? ((attempts) => 1_000 * attempts)
	});
	return { db, outbox, clock };
}

/** A server that answers from a script and records what it was sent. */
function scriptedServer(answers: Record<string, SendResult[]> = {}) {
	const received: OutboxRequest[] = [];
	const send = async (request: OutboxRequest): Promise<SendResult> => {
		received.push(request);
		return answers[request.kind]?.shift() ?? 'sent';
	};
	return { send, received };
}

describe('outbox', () => {
	it('sends entries in the order they were queued, each with its idempotency key', async () => {
		const { outbox } = setup();
		for (const kind of ['invite.send', 'invite.accept', 'booking.create']) {
			await outbox.enqueue({ kind, payload: { kind } });
		}
		const server = scriptedServer();
		expect(await outbox.flush(server.send)).toEqual({ sent: 3, rejected: 0, retryAt: null });
		expect(server.received.map((r) => [r.kind, r.headers['Idempotency-Key'], r.attempt])).toEqual([
			['invite.send', 'req-1', 1],
			['invite.accept', 'req-2', 1],
			['booking.create', 'req-3', 1]
		]);
		expect(await outbox.list()).toEqual([]);
	});

	it('keeps a retried entry at the head, backs off, and resends it with the same key', async () => {
		const { outbox, clock } = setup();
		await outbox.enqueue({ kind: 'a', payload: 1 });
		await outbox.enqueue({ kind: 'b', payload: 2 });
		const server = scriptedServer({ a: ['retry', 'retry'] });
		const start = clock.now();
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 0, retryAt: start + 1_000 });
		// Not due yet: nothing is sent, and b waits behind a.
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 0, retryAt: start + 1_000 });
		clock.advance(1_000);
		expect(await outbox.flush(server.send)).toMatchObject({ retryAt: start + 1_000 + 2_000 });
		clock.advance(2_000);
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 2, retryAt: null });
		expect(server.received.map((r) => `${r.kind}#${r.attempt}:${r.id}`)).toEqual([
			'a#1:req-1',
			'a#2:req-1',
			'a#3:req-1',
			'b#1:req-2'
		]);
	});

	it('makes waiting entries due at once when the server is reachable again', async () => {
		const { outbox } = setup({ backoff: () => 60_000 });
		await outbox.enqueue({ kind: 'a', payload: 1 });
		const server = scriptedServer({ a: ['retry'] });
		await outbox.flush(server.send);
		// Still backing off: nothing is sent.
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 0 });
		await outbox.resume();
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 1, retryAt: null });
		expect(server.received.map((r) => r.attempt)).toEqual([1, 2]);
	});

	it('treats a thrown send (network down) as a retry and remembers why', async () => {
		const { outbox } = setup();
		await outbox.enqueue({ kind: 'a', payload: null });
		const report = await outbox.flush(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(report.retryAt).not.toBeNull();
		const [entry] = await outbox.list();
		expect(entry).toMatchObject({ status: 'pending', attempts: 1, error: 'Failed to fetch' });
	});

	it('marks a rejected entry failed with the server message and sends the ones behind it', async () => {
		const { outbox } = setup();
		await outbox.enqueue({ kind: 'invite.send', payload: { email: 'taken@example.test' } });
		await outbox.enqueue({ kind: 'goal.remind', payload: {} });
		const server = scriptedServer({
			'invite.send': [{ rejected: 'That person is already your client.' }]
		});
		expect(await outbox.flush(server.send)).toEqual({ sent: 1, rejected: 1, retryAt: null });
		const entries = await outbox.list();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			kind: 'invite.send',
			status: 'failed',
			error: 'That person is already your client.'
		});
		// A failed entry is not resent by later flushes until the user retries it.
		await outbox.flush(server.send);
		expect(server.received).toHaveLength(2);
		await outbox.retry(entries[0]!.id);
		expect(await outbox.flush(server.send)).toMatchObject({ sent: 1 });
		expect(await outbox.list()).toEqual([]);
	});

	it('replaces a waiting entry with the same dedupe key by the newest, at the end', async () => {
		const { outbox } = setup();
		await outbox.enqueue({ kind: 'profile.save', payload: { v: 1 }, dedupeKey: 'profile' });
		await outbox.enqueue({ kind: 'other', payload: null });
		await outbox.enqueue({ kind: 'profile.save', payload: { v: 2 }, dedupeKey: 'profile' });
		const entries = await outbox.list();
		expect(entries.map((e) => [e.kind, e.payload, e.id])).toEqual([
			['other', null, 'req-2'],
			['profile.save', { v: 2 }, 'req-3']
		]);
	});

	it('does not replace an entry that is already being sent', async () => {
		const { outbox } = setup();
		await outbox.enqueue({ kind: 'save', payload: 1, dedupeKey: 'k' });
		let release!: (result: SendResult) => void;
		const sent: unknown[] = [];
		const flushing = outbox.flush((request) => {
			sent.push(request.payload);
			return sent.length === 1
				? new Promise((resolve) => (release = resolve))
				: Promise.resolve('sent');
		});
		await waitFor(async () => (await outbox.list())[0]?.status === 'sending');
		await outbox.enqueue({ kind: 'save', payload: 2, dedupeKey: 'k' });
		expect((await outbox.list()).map((e) => [e.payload, e.status])).toEqual([
			[1, 'sending'],
			[2, 'pending']
		]);
		release('sent');
		await flushing;
		expect(sent).toEqual([1, 2]);
	});

	it('survives closing and reopening the database, resending interrupted entries', async () => {
		const first = setup({ name: 'outbox-persist' });
		await first.outbox.enqueue({ kind: 'a', payload: { n: 1 } });
		await first.outbox.enqueue({ kind: 'b', payload: { n: 2 } });
		// The tab closes while 'a' is in flight: its answer never arrives.
		void first.outbox.flush(() => new Promise<SendResult>(() => {}));
		await waitFor(async () => (await first.outbox.list())[0]?.status === 'sending');
		first.db.close();

		const second = setup({ name: 'outbox-persist' });
		const server = scriptedServer();
		expect(await second.outbox.flush(server.send)).toMatchObject({ sent: 2 });
		expect(server.received.map((r) => [r.kind, r.payload, r.id, r.attempt])).toEqual([
			['a', { n: 1 }, 'req-1', 2],
			['b', { n: 2 }, 'req-2', 1]
		]);
	});

	it('backs off exponentially with jitter, capped at five minutes', () => {
		const low = exponentialBackoff(() => 0);
		const high = exponentialBackoff(() => 0.999_999);
		expect([1, 2, 3].map(low)).toEqual([1_500, 3_000, 6_000]);
		expect(high(1)).toBe(2_500);
		expect(low(30)).toBe(225_000);
		expect(high(30)).toBe(375_000);
	});
});

describe('outbox runner', () => {
	it('flushes on enqueue, waits offline, flushes on `online` and retries on a timer', async () => {
		const db = openIndexDb(`outbox-runner-${++dbCount}`);
		databases.push(db);
		const outbox = new Outbox({ db, backoff: () => 20 });
		const events = new EventTarget();
		let isOnline = false;
		const server = scriptedServer({ b: ['retry'] });
		const stop = startOutbox({ outbox, send: server.send, events, isOnline: () => isOnline });
		try {
			await outbox.enqueue({ kind: 'a', payload: null });
			await new Promise((resolve) => setTimeout(resolve, 30));
			expect(server.received).toHaveLength(0);
			isOnline = true;
			events.dispatchEvent(new Event('online'));
			await waitFor(async () => (await outbox.list()).length === 0);
			await outbox.enqueue({ kind: 'b', payload: null });
			// First attempt answers 'retry'; the backoff timer sends it again without any event.
			await waitFor(async () => (await outbox.list()).length === 0);
			expect(server.received.map((r) => `${r.kind}#${r.attempt}`)).toEqual(['a#1', 'b#1', 'b#2']);
		} finally {
			stop();
		}
	});
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
