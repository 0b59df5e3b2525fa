import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteAppDatabase, type AppDatabase } from '../database/app-database';
import { MemoryMailer } from '../mail/mailer.testing';
import { MailQueue } from './mail-queue';
import { MailQueueStore, type MailQueuePolicy } from './mail-queue-store';

const MINUTE = 60_000;
const POLICY: MailQueuePolicy = { maxAttempts: 3, retryBaseMs: MINUTE, leaseMs: 10 * MINUTE };
const message = (subject: string) => ({
	to: 'ann@example.com',
	subject,
	text: 't',
	html: '<p>t</p>'
});

let dir: string;
let database: AppDatabase;
let time: number;
const now = () => time;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-mail-queue-'));
	database = openSqliteAppDatabase(dir);
	time = Date.UTC(2026, 0, 5, 9);
});
afterEach(async () => {
	await database.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const store = (policy: Partial<MailQueuePolicy> = POLICY) =>
	new MailQueueStore(database, now, policy);

describe('mail queue store (real SQLite)', () => {
	it('a ref is queued once; a claimed row is not claimed again, by this or another store', async () => {
		const a = store();
		expect(a.enqueue(message('one'), { userId: null, ref: 'r1' })).not.toBeNull();
		expect(a.enqueue(message('one again'), { userId: null, ref: 'r1' })).toBeNull();
		const [claimed, ...rest] = await a.claimDue();
		expect(rest).toEqual([]);
		expect(claimed).toMatchObject({ ref: 'r1', attempts: 1, message: { subject: 'one' } });
		// A second process (its own connection) finds nothing to claim while the claim is live.
		const other = openSqliteAppDatabase(dir);
		try {
			expect(await new MailQueueStore(other, now, POLICY).claimDue()).toEqual([]);
		} finally {
			await other.close();
		}
		time += 9 * MINUTE;
		expect(await a.claimDue()).toEqual([]);
		expect(await a.finish(claimed!, { status: 'sent' })).toBe('sent');
		time += 60 * MINUTE;
		expect(await a.claimDue()).toEqual([]);
		expect(await a.byRef('r1')).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('a claim older than the lease (the process died mid-send) is claimed again', async () => {
		const a = store();
		a.enqueue(message('crash'), { userId: null, ref: 'r' });
		const [first] = await a.claimDue();
		time += POLICY.leaseMs + 1;
		const [again] = await store().claimDue();
		expect(again).toMatchObject({ id: first!.id, attempts: 2 });
		// The dead claim's late finish must not overwrite the live one.
		expect(await a.finish(first!, { status: 'sent' })).toBeNull();
		expect(await a.finish(again!, { status: 'sent' })).toBe('sent');
	});

	it('a failed send is retried after a doubling backoff, then given up after maxAttempts', async () => {
		const a = store();
		a.enqueue(message('flaky'), { userId: null, ref: 'r' });
		const fail = { status: 'failed', error: 'connect ECONNREFUSED' } as const;
		const [one] = await a.claimDue();
		expect(await a.finish(one!, fail)).toBe('pending');
		expect((await a.byRef('r'))!.nextAttemptAt).toBe(time + MINUTE);
		time += MINUTE - 1;
		expect(await a.claimDue()).toEqual([]);
		time += 1;
		const [two] = await a.claimDue();
		expect(two!.attempts).toBe(2);
		expect(await a.finish(two!, fail)).toBe('pending');
		expect((await a.byRef('r'))!.nextAttemptAt).toBe(time + 2 * MINUTE);
		time += 2 * MINUTE;
		const [three] = await a.claimDue();
		expect(await a.finish(three!, fail)).toBe('failed');
		time += 60 * MINUTE;
		expect(await a.claimDue()).toEqual([]);
		expect(await a.byRef('r')).toMatchObject({ status: 'failed', attempts: 3 });
	});

	it('a row whose every claim lapsed is given up by the sweep, not left pending forever', async () => {
		const a = store({ ...POLICY, maxAttempts: 1 });
		a.enqueue(message('doomed'), { userId: null, ref: 'r' });
		expect(await a.claimDue()).toHaveLength(1);
		time += POLICY.leaseMs + 1;
		expect(await a.claimDue()).toEqual([]);
		expect(await a.sweep()).toEqual([expect.objectContaining({ ref: 'r' })]);
		expect((await a.byRef('r'))!.status).toBe('failed');
	});

	it('keeps an attachment (an .ics as text) intact through the queue', async () => {
		const a = store();
		const ics =
			'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Caf\u00e9 \\, "quoted"\r\nEND:VCALENDAR\r\n';
		const attachments = [
			{ filename: 'session.ics', content: ics, contentType: 'text/calendar; method=REQUEST' }
		];
		a.enqueue({ ...message('with file'), attachments }, { userId: null, ref: 'ics' });
		const [claimed] = await a.claimDue();
		expect(claimed!.message.attachments).toEqual(attachments);
	});

	it('an expired row is never claimed; the sweep settles it as failed, "expired"', async () => {
		const a = store();
		a.enqueue(message('reminder'), { userId: null, ref: 'late', expiresAt: time + 5 * MINUTE });
		a.enqueue(message('other'), { userId: null, ref: 'keep' });
		const [first] = (await a.claimDue()).filter((m) => m.ref === 'late');
		await a.finish(first!, { status: 'failed', error: 'down' }); // retry due in a minute
		time += 5 * MINUTE;
		expect(await a.claimDue()).toEqual([]);
		expect(await a.sweep()).toEqual([expect.objectContaining({ ref: 'late' })]);
		expect(await a.byRef('late')).toMatchObject({ status: 'failed', lastError: 'expired' });
		expect((await a.byRef('keep'))!.status).toBe('pending');
		expect(await a.sweep()).toEqual([]);
	});

	it('withdraw settles only the pending rows with that ref prefix', async () => {
		const a = store();
		for (const ref of ['reminder:b1:0:24h:u', 'reminder:b1:0:1h:u', 'reminder:b10:0:1h:u']) {
			a.enqueue(message(ref), { userId: null, ref });
		}
		a.enqueue(message('x'), { userId: null, ref: 'booking:b1:0:made:u' });
		expect(
			a
				.withdraw('reminder:b1:', 'booking cancelled')
				.map((r) => r.ref)
				.sort()
		).toEqual(['reminder:b1:0:1h:u', 'reminder:b1:0:24h:u']);
		expect(await a.byRef('reminder:b1:0:1h:u')).toMatchObject({
			status: 'failed',
			lastError: 'booking cancelled'
		});
		const claimed = await a.claimDue();
		expect(claimed.map((m) => m.ref).sort()).toEqual([
			'booking:b1:0:made:u',
			'reminder:b10:0:1h:u'
		]);
		// A send in flight cannot be recalled, but it loses its claim: a failure is not retried.
		expect(a.withdraw('reminder:b10:', 'booking cancelled')).toHaveLength(1);
		const inFlight = claimed.find((m) => m.ref === 'reminder:b10:0:1h:u')!;
		expect(await a.finish(inFlight, { status: 'failed', error: 'down' })).toBeNull();
		expect(await a.byRef('reminder:b10:0:1h:u')).toMatchObject({
			status: 'failed',
			lastError: 'booking cancelled'
		});
	});
});

describe('mail queue loop', () => {
	it('sends each queued email once and tells listeners how it settled', async () => {
		const mailer = new MemoryMailer();
		const queue = new MailQueue({ store: store(), mailer });
		const settled: string[] = [];
		queue.onSettled((ref, status) => settled.push(`${ref}:${status}`));
		queue.enqueue(message('a'), { userId: null, ref: 'a' });
		queue.enqueue(message('b'), { userId: null, ref: 'b' });
		await Promise.all([queue.kick(), queue.kick(), queue.kick()]);
		await queue.idle();
		expect(mailer.sent.map((m) => m.subject).sort()).toEqual(['a', 'b']);
		expect(settled.sort()).toEqual(['a:sent', 'b:sent']);

		mailer.failWith = 'down';
		queue.enqueue(message('c'), { userId: null, ref: 'c' });
		await queue.kick();
		expect(await store().byRef('c')).toMatchObject({ status: 'pending', attempts: 1 });
		mailer.failWith = null;
		await queue.kick();
		expect(mailer.sent.filter((m) => m.subject === 'c')).toHaveLength(0);
		time += MINUTE;
		await queue.kick();
		expect(mailer.sent.filter((m) => m.subject === 'c')).toHaveLength(1);
		expect(settled).toContain('c:sent');
	});

	it('an expired email is not sent and listeners hear it failed', async () => {
		const mailer = new MemoryMailer();
		const queue = new MailQueue({ store: store(), mailer });
		const settled: string[] = [];
		queue.onSettled((ref, status) => settled.push(`${ref}:${status}`));
		queue.enqueue(message('soon'), { userId: null, ref: 'soon', expiresAt: time + MINUTE });
		time += MINUTE;
		await queue.kick();
		expect(mailer.sent).toEqual([]);
		expect(settled).toEqual(['soon:failed']);
		queue.enqueue(message('gone'), { userId: null, ref: 'gone:1' });
		expect(queue.withdraw('gone:', 'withdrawn')).toBe(1);
		await queue.kick();
		expect(mailer.sent).toEqual([]);
		expect(settled).toEqual(['soon:failed', 'gone:1:failed']);
	});

	it('after stop() nothing more is sent', async () => {
		const mailer = new MemoryMailer();
		const queue = new MailQueue({ store: store(), mailer });
		queue.start();
		await queue.stop();
		queue.enqueue(message('late'), { userId: null, ref: 'late' });
		expect(await queue.kick()).toBe(0);
		expect(mailer.sent).toEqual([]);
	});

	it('stop() waits for the send in flight and hands the rest of the batch back unsent', async () => {
		let release: () => void = () => {};
		const sent: string[] = [];
		const slow = {
			kind: 'smtp' as const,
			close() {},
			async send(m: { subject: string }) {
				await new Promise<void>((resolve) => (release = resolve));
				sent.push(m.subject);
				return { status: 'sent' as const, attempts: 1 };
			}
		};
		const queue = new MailQueue({ store: store(), mailer: slow });
		for (const ref of ['a', 'b', 'c']) {
			queue.enqueue(message(ref), { userId: null, ref });
		}
		const pass = queue.kick();
		await new Promise((resolve) => setTimeout(resolve, 10));
		const stopped = queue.stop();
		release();
		await Promise.all([pass, stopped]);
		expect(sent).toHaveLength(1);
		const left = (await Promise.all(['a', 'b', 'c'].map((ref) => store().byRef(ref))))
			.map((r) => r!)
			.filter((r) => r.status === 'pending');
		expect(left).toEqual([
			expect.objectContaining({ attempts: 0 }),
			expect.objectContaining({ attempts: 0 })
		]);
		// Free to be claimed by the next process at once (no lease to wait out).
		expect(await store().claimDue()).toHaveLength(2);
	});
});
