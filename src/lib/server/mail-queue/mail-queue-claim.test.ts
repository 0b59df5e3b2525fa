import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../database/app-database';
import { databasePerTest, ENGINES } from '../database/engines.testing';
import { MailQueueStore, type ClaimedMail, type MailQueuePolicy } from './mail-queue-store';

const MINUTE = 60_000;
const POLICY: MailQueuePolicy = { maxAttempts: 3, retryBaseMs: MINUTE, leaseMs: 10 * MINUTE };
const T0 = Date.UTC(2026, 0, 5, 9);

/** Queued rows as `enqueue` writes them (it still runs on the SQLite handle only). */
async function seed(database: AppDatabase, refs: string[], extra: { expiresAt?: number } = {}) {
	await database.db
		.insertInto('mail_queue')
		.values(
			refs.map((ref, i) => ({
				id: `id-${ref}`,
				user_id: null,
				ref,
				message: JSON.stringify({ to: 'a@example.com', subject: ref, text: 't', html: 't' }),
				status: 'pending' as const,
				attempts: 0,
				next_attempt_at: T0 - refs.length + i,
				created_at: T0,
				expires_at: extra.expiresAt ?? null
			}))
		)
		.execute();
}

describe.each(ENGINES)('mail queue claims on %s', (engine) => {
	const databases = databasePerTest(engine);
	let time = T0;
	const now = () => time;

	it('two instances draining at once claim every row exactly once', async () => {
		time = T0;
		const refs = Array.from({ length: 40 }, (_, i) => `r${i}`);
		await seed(databases.current, refs);
		const instances = [databases.current, await databases.another(), await databases.another()].map(
			(database) => new MailQueueStore(database, now, POLICY)
		);
		const claimed: ClaimedMail[] = [];
		const drain = async (store: MailQueueStore) => {
			for (let batch = await store.claimDue(3); batch.length > 0; batch = await store.claimDue(3)) {
				claimed.push(...batch);
			}
		};
		await Promise.all(instances.map(drain));
		expect(claimed.map((m) => m.ref).sort()).toEqual([...refs].sort());
		expect(claimed.every((m) => m.attempts === 1)).toBe(true);
		const rows = await databases.current.db.selectFrom('mail_queue').select('attempts').execute();
		expect(rows.every((r) => r.attempts === 1)).toBe(true);
	});

	it('claims the oldest first; a lapsed claim is taken over and the dead one cannot finish', async () => {
		time = T0;
		await seed(databases.current, ['old', 'new']);
		const store = new MailQueueStore(databases.current, now, POLICY);
		const [first] = await store.claimDue(1);
		expect(first).toMatchObject({ ref: 'old', attempts: 1, message: { subject: 'old' } });
		time += POLICY.leaseMs + 1;
		const again = await new MailQueueStore(await databases.another(), now, POLICY).claimDue();
		expect(again.map((m) => m.ref)).toEqual(['old', 'new']);
		expect(again[0]).toMatchObject({ attempts: 2 });
		expect(await store.finish(first!, { status: 'sent' })).toBeNull();
		expect(await store.finish(again[0]!, { status: 'sent' })).toBe('sent');
		expect(await store.byRef('old')).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('retries with backoff, hands back on release, settles expired rows in the sweep', async () => {
		time = T0;
		await seed(databases.current, ['flaky']);
		await seed(databases.current, ['late'], { expiresAt: T0 + 5 * MINUTE });
		const store = new MailQueueStore(databases.current, now, POLICY);
		const claimed = await store.claimDue();
		const flaky = claimed.find((m) => m.ref === 'flaky')!;
		const late = claimed.find((m) => m.ref === 'late')!;
		expect(await store.finish(flaky, { status: 'failed', error: 'down' })).toBe('pending');
		expect(await store.byRef('flaky')).toMatchObject({
			nextAttemptAt: T0 + MINUTE,
			lastError: 'down'
		});
		await store.release(late);
		expect(await store.byRef('late')).toMatchObject({ status: 'pending', attempts: 0 });
		time += 5 * MINUTE;
		expect((await store.claimDue()).map((m) => m.ref)).toEqual(['flaky']);
		expect(await store.sweep()).toEqual([{ id: 'id-late', ref: 'late' }]);
		expect(await store.byRef('late')).toMatchObject({ status: 'failed', lastError: 'expired' });
	});
});
