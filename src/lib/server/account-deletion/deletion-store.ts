import type { Db } from '../db';

/** One engagement of the account being deleted, with the person on the other side. */
export interface AffectedEngagement {
	id: string;
	status: 'pending' | 'active' | 'ended';
	/** The other side: the client (for a coach) or the coach (for a client). */
	other: { id: string | null; name: string; email: string };
}

interface Row {
	id: string;
	status: AffectedEngagement['status'];
	other_id: string | null;
	other_name: string;
	other_email: string;
}

const toAffected = (row: Row): AffectedEngagement => ({
	id: row.id,
	status: row.status,
	other: { id: row.other_id, name: row.other_name, email: row.other_email }
});

/**
 * The SQL of an account deletion. Almost everything goes with the users row through
 * `ON DELETE CASCADE` (sessions, sync tokens, engagements and through them invites and
 * notifications, packages, profile, settings, idempotency keys, import mappings, and every
 * table later migrations add the same way); what cascades cannot reach is deleted here.
 */
export class DeletionStore {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	/** Every engagement the user is in, ended and pending ones included. */
	engagementsOf(userId: string, role: 'coach' | 'client'): AffectedEngagement[] {
		const sql =
			role === 'coach'
				? `SELECT e.id, e.status, e.client_id AS other_id,
					COALESCE(u.name, e.invited_name) AS other_name,
					COALESCE(u.email, e.invited_email) AS other_email
				 FROM engagements e LEFT JOIN users u ON u.id = e.client_id
				 WHERE e.coach_id = ? ORDER BY e.created_at, e.id`
				: `SELECT e.id, e.status, e.coach_id AS other_id, u.name AS other_name,
					u.email AS other_email
				 FROM engagements e JOIN users u ON u.id = e.coach_id
				 WHERE e.client_id = ? ORDER BY e.created_at, e.id`;
		return (this.#db.prepare(sql).all(userId) as Row[]).map(toAffected);
	}

	/**
	 * Deletes the user (and through the cascades everything that is theirs) and the stored
	 * replies of OTHER users' idempotent requests that mention them (a coach's "invite created"
	 * answer carries the client's name and email for 24 hours). In one transaction, which
	 * `before` joins (cancelling the user's sessions, with their emails queued): all or nothing.
	 */
	deleteUser(user: { id: string; email: string; name: string }, before?: () => void): void {
		const mentions = [user.id, user.email, user.name]
			.filter((s) => s.length >= 3)
			.map((s) => Buffer.from(s, 'utf8'));
		const purgeReplies = this.#db.prepare(
			'DELETE FROM idempotency_keys WHERE user_id != ? AND instr(body, ?) > 0'
		);
		this.#db
			.transaction(() => {
				before?.();
				for (const mention of mentions) {
					purgeReplies.run(user.id, mention);
				}
				this.#db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
			})
			.immediate();
	}

	/**
	 * secure_delete (db.ts) zeroes the deleted rows in the pages written by this transaction,
	 * but the WAL still holds older frames with the old bytes: TRUNCATE copies everything into
	 * the database file and empties the WAL.
	 */
	checkpoint(): { busy: boolean } {
		const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
		return { busy: (result?.busy ?? 0) !== 0 };
	}
}
