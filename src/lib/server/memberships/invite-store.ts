import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

/** Stored states; "expired" is not stored but derived from expires_at when read. */
type StoredStatus = 'pending' | 'accepted' | 'revoked';
export type InviteStatus = StoredStatus | 'expired';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'outbox';

export interface Invite {
	id: string;
	coachId: string;
	engagementId: string;
	email: string;
	name: string;
	message: string | null;
	status: InviteStatus;
	createdAt: number;
	expiresAt: number;
	acceptedAt: number | null;
	delivery: {
		status: DeliveryStatus;
		error: string | null;
		attempts: number;
		at: number | null;
	};
}

interface InviteRow {
	id: string;
	coach_id: string;
	engagement_id: string;
	email: string;
	name: string;
	message: string | null;
	status: StoredStatus;
	created_at: number;
	expires_at: number;
	accepted_at: number | null;
	delivery: DeliveryStatus;
	delivery_error: string | null;
	delivery_attempts: number;
	delivered_at: number | null;
}

export class InviteStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	insert(input: {
		coachId: string;
		engagementId: string;
		email: string;
		name: string;
		message: string | null;
		tokenHash: Uint8Array;
		expiresAt: number;
	}): string {
		const id = generateSecureRandomString();
		this.#db
			.prepare(
				`INSERT INTO invites (id, coach_id, engagement_id, email, name, message, token_hash,
				 status, created_at, expires_at, delivery)
				 VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, 'pending')`
			)
			.run(
				id,
				input.coachId,
				input.engagementId,
				input.email,
				input.name,
				input.message,
				input.tokenHash,
				this.#now(),
				input.expiresAt
			);
		return id;
	}

	/**
	 * Swaps in a new token (the old hash is overwritten, so the old link stops working at once)
	 * and a new expiry, for a re-sent invite.
	 */
	replaceToken(
		id: string,
		input: { tokenHash: Uint8Array; expiresAt: number; name?: string; message?: string | null }
	): void {
		this.#db
			.prepare(
				`UPDATE invites SET token_hash = ?, expires_at = ?, name = COALESCE(?, name),
				 message = CASE WHEN ? THEN ? ELSE message END,
				 delivery = 'pending', delivery_error = NULL, delivery_attempts = 0, delivered_at = NULL
				 WHERE id = ? AND status = 'pending'`
			)
			.run(
				input.tokenHash,
				input.expiresAt,
				input.name ?? null,
				input.message === undefined ? 0 : 1,
				input.message ?? null,
				id
			);
	}

	byTokenHash(tokenHash: Uint8Array): Invite | null {
		return this.#one('SELECT * FROM invites WHERE token_hash = ?', tokenHash);
	}

	/** Someone else's invite is "not found", not "forbidden", so ids of other coaches stay unknowable. */
	byIdForCoach(coachId: string, id: string): Invite | null {
		return this.#one('SELECT * FROM invites WHERE id = ? AND coach_id = ?', id, coachId);
	}

	/** The coach's open (pending, possibly expired) invite to this email, if any. */
	openFor(coachId: string, email: string): Invite | null {
		return this.#one(
			`SELECT * FROM invites WHERE coach_id = ? AND email = ? AND status = 'pending'
			 ORDER BY created_at DESC LIMIT 1`,
			coachId,
			email
		);
	}

	forCoach(coachId: string): Invite[] {
		const rows = this.#db
			.prepare('SELECT * FROM invites WHERE coach_id = ? ORDER BY created_at DESC, id')
			.all(coachId) as InviteRow[];
		return rows.map((row) => this.#toInvite(row));
	}

	/** Single use: only a pending, unexpired invite can be consumed, exactly once. */
	markAccepted(id: string): boolean {
		const now = this.#now();
		const result = this.#db
			.prepare(
				`UPDATE invites SET status = 'accepted', accepted_at = ?
				 WHERE id = ? AND status = 'pending' AND expires_at > ?`
			)
			.run(now, id, now);
		return result.changes === 1;
	}

	markRevoked(id: string): void {
		this.#db.prepare(`UPDATE invites SET status = 'revoked' WHERE id = ?`).run(id);
	}

	/** Ending an engagement kills any link still out for it. */
	revokeOpenFor(engagementId: string): void {
		this.#db
			.prepare(
				`UPDATE invites SET status = 'revoked' WHERE engagement_id = ? AND status = 'pending'`
			)
			.run(engagementId);
	}

	recordDelivery(
		id: string,
		outcome: { status: DeliveryStatus; error: string | null; attempts: number }
	): void {
		this.#db
			.prepare(
				`UPDATE invites SET delivery = ?, delivery_error = ?, delivery_attempts = ?, delivered_at = ?
				 WHERE id = ?`
			)
			.run(outcome.status, outcome.error, outcome.attempts, this.#now(), id);
	}

	#one(sql: string, ...params: unknown[]): Invite | null {
		const row = this.#db.prepare(sql).get(...params) as InviteRow | undefined;
		return row ? this.#toInvite(row) : null;
	}

	#toInvite(row: InviteRow): Invite {
		const expired = row.status === 'pending' && row.expires_at <= this.#now();
		return {
			id: row.id,
			coachId: row.coach_id,
			engagementId: row.engagement_id,
			email: row.email,
			name: row.name,
			message: row.message,
			status: expired ? 'expired' : row.status,
			createdAt: row.created_at,
			expiresAt: row.expires_at,
			acceptedAt: row.accepted_at,
			delivery: {
				status: row.delivery,
				error: row.delivery_error,
				attempts: row.delivery_attempts,
				at: row.delivered_at
			}
		};
	}
}
