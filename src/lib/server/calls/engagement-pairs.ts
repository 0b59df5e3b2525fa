import type { Db } from '../db';

/** The coach and client of an active engagement two users share. */
export interface CallPair {
	engagementId: string;
	coachId: string;
	clientId: string;
}

/** Where the relay policy learns whether two users work together right now. */
export interface EngagementPairs {
	activeBetween(userA: string, userB: string): CallPair | null;
}

/**
 * Read straight from SQLite for every relayed message, so an engagement that ends (or an
 * account that goes) stops signaling between the two at once, with nothing cached to expire.
 */
export class SqliteEngagementPairs implements EngagementPairs {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	activeBetween(userA: string, userB: string): CallPair | null {
		const row = this.#db
			.prepare(
				`SELECT id, coach_id, client_id FROM engagements
				 WHERE status = 'active'
				   AND ((coach_id = ? AND client_id = ?) OR (coach_id = ? AND client_id = ?))
				 LIMIT 1`
			)
			.get(userA, userB, userB, userA) as
			{ id: string; coach_id: string; client_id: string } | undefined;
		return row ? { engagementId: row.id, coachId: row.coach_id, clientId: row.client_id } : null;
	}
}
