import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { AppDatabase } from '../database/app-database';
import type { Database } from '../database/database-types';
import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';
import type { MailMessage } from '../mail/mailer';

/** Where a queued email stands; 'outbox' = written to the development .eml outbox. */
export type QueuedMailStatus = 'pending' | 'sent' | 'outbox' | 'failed';

export interface MailQueuePolicy {
	/** Tries per email (each try is one Mailer.send, which has its own quick retries). */
	maxAttempts: number;
	/** Wait before the second try; doubled before each further one. */
	retryBaseMs: number;
	/**
	 * A claim older than this whose send never finished belongs to a process that died mid-send:
	 * it is claimed again. Far above the slowest send (SmtpMailer: 3 tries, 25 s timeouts each).
	 */
	leaseMs: number;
}

export const DEFAULT_POLICY: MailQueuePolicy = {
	maxAttempts: 6,
	retryBaseMs: 60_000,
	leaseMs: 10 * 60_000
};

/** Settled rows (their text already cleared) are dropped this long after they settled. */
const KEEP_SETTLED_MS = 30 * 24 * 3_600_000;

export interface ClaimedMail {
	id: string;
	ref: string | null;
	message: MailMessage;
	attempts: number;
	/** The claim's stamp: finishing checks it, so a claim taken over after its lease is not overwritten. */
	claimedAt: number;
}

/**
 * Who and what a queued email belongs to: the row is deleted with the recipient's account and
 * with the engagement it is about (its text names the other person). `ref` dedupes.
 */
export interface QueueMeta {
	userId: string | null;
	engagementId?: string | null;
	ref: string | null;
	/** After this instant the email is wrong (a reminder for a session that began): never sent. */
	expiresAt?: number | null;
	/** Not before this instant (a digest waits for its quiet period); now when omitted. */
	sendAt?: number;
}

export type SendResult = { status: 'sent' | 'outbox' } | { status: 'failed'; error: string };

export interface QueuedRow {
	status: QueuedMailStatus;
	attempts: number;
	nextAttemptAt: number;
	lastError: string | null;
}

/** A row that reached its final status outside a send (given up, expired, withdrawn). */
export interface Settled {
	id: string;
	ref: string | null;
}

type QueueWhere = (eb: ExpressionBuilder<Database, 'mail_queue'>) => Expression<SqlBool>;

/**
 * `mail_queue`: one row per email to send, written in the same transaction as whatever caused
 * it (a notification), claimed by one conditional UPDATE before it is sent, then marked.
 * Several processes or instances (or a restart racing a loop) never both hold a live claim on
 * one row.
 *
 * The sending side (claim, finish, release, sweep, drop) is on the query layer, for SQLite and
 * PostgreSQL. `enqueue`, `withdraw` and `waitingRef` still run on the SQLite handle,
 * synchronously: their callers call them inside their own synchronous transactions (sign-up,
 * password and email changes, booking changes, notifications, payments), and they move with
 * those callers.
 */
export class MailQueueStore {
	#database: AppDatabase;
	#now: () => number;
	#policy: MailQueuePolicy;

	constructor(
		database: AppDatabase,
		now: () => number = Date.now,
		policy: Partial<MailQueuePolicy> = {}
	) {
		this.#database = database;
		this.#now = now;
		this.#policy = { ...DEFAULT_POLICY, ...policy };
	}

	get #db(): Db {
		const handle = this.#database.sqlite;
		if (!handle) {
			throw new Error(
				'Queueing email still needs the SQLite handle (issue 14: its callers move next).'
			);
		}
		return handle;
	}

	/**
	 * Queues one email for a user; `ref` names what it is for and makes the call idempotent (a
	 * second enqueue with the same ref is a no-op returning null). Joins the caller's transaction.
	 */
	enqueue(message: MailMessage, meta: QueueMeta): string | null {
		const id = generateSecureRandomString();
		const now = this.#now();
		const inserted = this.#db
			.prepare(
				`INSERT INTO mail_queue (id, user_id, engagement_id, ref, message, status, attempts,
				 next_attempt_at, created_at, expires_at)
				 VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (ref) DO NOTHING`
			)
			.run(
				id,
				meta.userId,
				meta.engagementId ?? null,
				meta.ref,
				JSON.stringify(message),
				meta.sendAt ?? now,
				now,
				meta.expiresAt ?? null
			);
		return inserted.changes === 1 ? id : null;
	}

	/**
	 * Claims up to `limit` due emails (new, retry due, or a lapsed claim) for this process. One
	 * UPDATE that checks "due" again on each row it changes: an instance that waited for another's
	 * claim on a row sees the claim and skips the row, so each row has one claimant.
	 */
	async claimDue(limit = 20): Promise<ClaimedMail[]> {
		const now = this.#now();
		const due: QueueWhere = (eb) =>
			eb.and([
				eb('status', '=', 'pending'),
				eb('next_attempt_at', '<=', now),
				eb('attempts', '<', this.#policy.maxAttempts),
				eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', now - this.#policy.leaseMs)]),
				eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)])
			]);
		const { db } = this.#database;
		const rows = await db
			.updateTable('mail_queue')
			.set((eb) => ({ claimed_at: now, attempts: eb('attempts', '+', 1) }))
			.where(
				'id',
				'in',
				db.selectFrom('mail_queue').select('id').where(due).orderBy('next_attempt_at').limit(limit)
			)
			.where(due)
			.returning(['id', 'ref', 'message', 'attempts', 'next_attempt_at'])
			.execute();
		return rows
			.sort((a, b) => a.next_attempt_at - b.next_attempt_at)
			.map((row) => ({
				id: row.id,
				ref: row.ref,
				message: JSON.parse(row.message) as MailMessage,
				attempts: row.attempts,
				claimedAt: now
			}));
	}

	/**
	 * Records how a claimed send went. A failure is retried after retryBaseMs·2^(attempts−1)
	 * until maxAttempts; returns the row's status now, or null when the claim was no longer ours.
	 */
	async finish(mail: ClaimedMail, result: SendResult): Promise<QueuedMailStatus | null> {
		const now = this.#now();
		const giveUp = result.status === 'failed' && mail.attempts >= this.#policy.maxAttempts;
		const status: QueuedMailStatus =
			result.status === 'failed' ? (giveUp ? 'failed' : 'pending') : result.status;
		const retryAt = now + this.#policy.retryBaseMs * 2 ** (mail.attempts - 1);
		const updated = await this.#database.db
			.updateTable('mail_queue')
			.set({
				status,
				claimed_at: null,
				last_error: result.status === 'failed' ? result.error.slice(0, 300) : null,
				next_attempt_at: status === 'pending' ? retryAt : now,
				settled_at: status === 'pending' ? null : now,
				// A settled email's text is not needed any more: only its outcome is kept.
				...(status === 'pending' ? {} : { message: '{}' })
			})
			.where('id', '=', mail.id)
			.where('claimed_at', '=', mail.claimedAt)
			.executeTakeFirst();
		return updated.numUpdatedRows > 0n ? status : null;
	}

	/** Hands a claimed row back unsent (shutting down): due again at once, the try not counted. */
	async release(mail: ClaimedMail): Promise<void> {
		await this.#database.db
			.updateTable('mail_queue')
			.set((eb) => ({ claimed_at: null, attempts: eb('attempts', '-', 1) }))
			.where('id', '=', mail.id)
			.where('claimed_at', '=', mail.claimedAt)
			.execute();
	}

	/**
	 * Rows whose last claim lapsed on the final attempt (the process died each time) would stay
	 * pending forever: they are given up. Rows past their expiry settle as failed ('expired';
	 * the status CHECK of migration 10 has no other word for it). Settled rows past their keep
	 * time are dropped.
	 */
	async sweep(): Promise<Settled[]> {
		const now = this.#now();
		const lapsed = now - this.#policy.leaseMs;
		const given = await this.#settle('gave up: every send was interrupted', (eb) =>
			eb.and([eb('attempts', '>=', this.#policy.maxAttempts), eb('claimed_at', '<', lapsed)])
		);
		// A claim in flight is left to finish: the send already started before the expiry.
		const expired = await this.#settle('expired', (eb) =>
			eb.and([
				eb('expires_at', '<=', now),
				eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', lapsed)])
			])
		);
		await this.#database.db
			.deleteFrom('mail_queue')
			.where('status', '!=', 'pending')
			.where('settled_at', '<', now - KEEP_SETTLED_MS)
			.execute();
		return [...given, ...expired];
	}

	async #settle(reason: string, where: QueueWhere): Promise<Settled[]> {
		return this.#database.db
			.updateTable('mail_queue')
			.set({
				status: 'failed',
				claimed_at: null,
				settled_at: this.#now(),
				message: '{}',
				last_error: reason
			})
			.where('status', '=', 'pending')
			.where(where)
			.returning(['id', 'ref'])
			.execute();
	}

	/**
	 * Settles the unsent rows whose ref starts with `refPrefix` as failed with `reason` (a
	 * cancelled booking's queued reminders). A send in flight cannot be recalled, but its claim
	 * is taken away: whatever it reports, it is not retried. Joins the caller's transaction.
	 */
	withdraw(refPrefix: string, reason: string): Settled[] {
		return this.#db
			.prepare(
				`UPDATE mail_queue SET status = 'failed', claimed_at = NULL, settled_at = ?,
				 message = '{}', last_error = ?
				 WHERE status = 'pending' AND substr(ref, 1, length(?)) = ? RETURNING id, ref`
			)
			.all(this.#now(), reason, refPrefix, refPrefix) as Settled[];
	}

	/** The ref of an unsent, unclaimed row whose ref starts with `refPrefix`, if any. */
	waitingRef(refPrefix: string): string | null {
		const row = this.#db
			.prepare(
				`SELECT ref FROM mail_queue WHERE status = 'pending' AND claimed_at IS NULL
				 AND substr(ref, 1, length(?)) = ? LIMIT 1`
			)
			.get(refPrefix, refPrefix) as { ref: string } | undefined;
		return row?.ref ?? null;
	}

	/** Settles a claimed row unsent, as failed with `reason` (nothing left worth sending). */
	async drop(mail: ClaimedMail, reason: string): Promise<boolean> {
		const dropped = await this.#database.db
			.updateTable('mail_queue')
			.set({
				status: 'failed',
				claimed_at: null,
				settled_at: this.#now(),
				message: '{}',
				last_error: reason
			})
			.where('id', '=', mail.id)
			.where('claimed_at', '=', mail.claimedAt)
			.executeTakeFirst();
		return dropped.numUpdatedRows > 0n;
	}

	/** One row's state, for tests and diagnostics. */
	async byRef(ref: string): Promise<QueuedRow | null> {
		const row = await this.#database.db
			.selectFrom('mail_queue')
			.select(['status', 'attempts', 'next_attempt_at as nextAttemptAt', 'last_error as lastError'])
			.where('ref', '=', ref)
			.executeTakeFirst();
		return row ?? null;
	}
}
