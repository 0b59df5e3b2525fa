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

interface ClaimRow {
	id: string;
	ref: string | null;
	message: string;
	attempts: number;
}

/**
 * `mail_queue`: one row per email to send, written in the same transaction as whatever caused
 * it (a notification), claimed in an immediate transaction before it is sent, then marked.
 * Several processes (or a restart racing a loop) never both hold a live claim on one row.
 */
export class MailQueueStore {
	#db: Db;
	#now: () => number;
	#policy: MailQueuePolicy;

	constructor(db: Db, now: () => number = Date.now, policy: Partial<MailQueuePolicy> = {}) {
		this.#db = db;
		this.#now = now;
		this.#policy = { ...DEFAULT_POLICY, ...policy };
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

	/** Claims up to `limit` due emails (new, retry due, or a lapsed claim) for this process. */
	claimDue(limit = 20): ClaimedMail[] {
		const run = this.#db.transaction(() => {
			const now = this.#now();
			const rows = this.#db
				.prepare(
					`SELECT id, ref, message, attempts FROM mail_queue
					 WHERE status = 'pending' AND next_attempt_at <= ? AND attempts < ?
					 AND (claimed_at IS NULL OR claimed_at < ?)
					 AND (expires_at IS NULL OR expires_at > ?)
					 ORDER BY next_attempt_at LIMIT ?`
				)
				.all(now, this.#policy.maxAttempts, now - this.#policy.leaseMs, now, limit) as ClaimRow[];
			const claim = this.#db.prepare(
				'UPDATE mail_queue SET claimed_at = ?, attempts = attempts + 1 WHERE id = ?'
			);
			for (const row of rows) {
				claim.run(now, row.id);
			}
			return rows.map((row) => ({
				id: row.id,
				ref: row.ref,
				message: JSON.parse(row.message) as MailMessage,
				attempts: row.attempts + 1,
				claimedAt: now
			}));
		});
		return run.immediate();
	}

	/**
	 * Records how a claimed send went. A failure is retried after retryBaseMs·2^(attempts−1)
	 * until maxAttempts; returns the row's status now, or null when the claim was no longer ours.
	 */
	finish(mail: ClaimedMail, result: SendResult): QueuedMailStatus | null {
		const now = this.#now();
		const error = result.status === 'failed' ? result.error.slice(0, 300) : null;
		const giveUp = result.status === 'failed' && mail.attempts >= this.#policy.maxAttempts;
		const status: QueuedMailStatus =
			result.status === 'failed' ? (giveUp ? 'failed' : 'pending') : result.status;
		const retryAt = now + this.#policy.retryBaseMs * 2 ** (mail.attempts - 1);
		const updated = this.#db
			.prepare(
				`UPDATE mail_queue SET status = ?, claimed_at = NULL, last_error = ?,
				 next_attempt_at = ?, settled_at = ?,
				 message = CASE WHEN ? = 'pending' THEN message ELSE '{}' END
				 WHERE id = ? AND claimed_at = ?`
			)
			.run(
				status,
				error,
				status === 'pending' ? retryAt : now,
				status === 'pending' ? null : now,
				// A settled email's text is not needed any more: only its outcome is kept.
				status,
				mail.id,
				mail.claimedAt
			);
		return updated.changes === 1 ? status : null;
	}

	/** Hands a claimed row back unsent (shutting down): due again at once, the try not counted. */
	release(mail: ClaimedMail): void {
		this.#db
			.prepare(
				`UPDATE mail_queue SET claimed_at = NULL, attempts = attempts - 1
				 WHERE id = ? AND claimed_at = ?`
			)
			.run(mail.id, mail.claimedAt);
	}

	/**
	 * Rows whose last claim lapsed on the final attempt (the process died each time) would stay
	 * pending forever: they are given up. Rows past their expiry settle as failed ('expired';
	 * the status CHECK of migration 10 has no other word for it). Settled rows past their keep
	 * time are dropped.
	 */
	sweep(): Settled[] {
		const now = this.#now();
		const lapsed = now - this.#policy.leaseMs;
		const given = this.#settle(
			'gave up: every send was interrupted',
			'attempts >= ? AND claimed_at < ?',
			this.#policy.maxAttempts,
			lapsed
		);
		// A claim in flight is left to finish: the send already started before the expiry.
		const expired = this.#settle(
			'expired',
			'expires_at <= ? AND (claimed_at IS NULL OR claimed_at < ?)',
			now,
			lapsed
		);
		this.#db
			.prepare("DELETE FROM mail_queue WHERE status != 'pending' AND settled_at < ?")
			.run(now - KEEP_SETTLED_MS);
		return [...given, ...expired];
	}

	/**
	 * Settles the unsent rows whose ref starts with `refPrefix` as failed with `reason` (a
	 * cancelled booking's queued reminders). A send in flight cannot be recalled, but its claim
	 * is taken away: whatever it reports, it is not retried.
	 */
	withdraw(refPrefix: string, reason: string): Settled[] {
		return this.#settle(reason, 'substr(ref, 1, length(?)) = ?', refPrefix, refPrefix);
	}

	#settle(reason: string, where: string, ...params: (string | number)[]): Settled[] {
		return this.#db
			.prepare(
				`UPDATE mail_queue SET status = 'failed', claimed_at = NULL, settled_at = ?,
				 message = '{}', last_error = ? WHERE status = 'pending' AND ${where} RETURNING id, ref`
			)
			.all(this.#now(), reason, ...params) as Settled[];
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
	drop(mail: ClaimedMail, reason: string): boolean {
		const dropped = this.#db
			.prepare(
				`UPDATE mail_queue SET status = 'failed', claimed_at = NULL, settled_at = ?,
				 message = '{}', last_error = ? WHERE id = ? AND claimed_at = ?`
			)
			.run(this.#now(), reason, mail.id, mail.claimedAt);
		return dropped.changes === 1;
	}

	/** One row's state, for tests and diagnostics. */
	byRef(ref: string): QueuedRow | null {
		const row = this.#db
			.prepare(
				`SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError
				 FROM mail_queue WHERE ref = ?`
			)
			.get(ref) as QueuedRow | undefined;
		return row ?? null;
	}
}
