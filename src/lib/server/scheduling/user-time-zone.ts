/**
 * The zone a user's browser reports (`users.time_zone`, migration 13), so emails to a client
 * show times where the client is even when the coach booked. Thin over one column; the zone
 * name is checked by the request schema (api/account.ts, domain/time-zone-name.ts).
 */
import type { Db } from '../db';

export class UserTimeZones {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	of(userId: string): string | null {
		const row = this.#db.prepare('SELECT time_zone FROM users WHERE id = ?').get(userId) as
			{ time_zone: string | null } | undefined;
		return row?.time_zone ?? null;
	}

	/**
	 * Stores the zone; true if it changed. Browsers report it once per session, so the same
	 * value again writes nothing (no WAL churn per sign-in).
	 */
	set(userId: string, zone: string): boolean {
		return (
			this.#db
				.prepare('UPDATE users SET time_zone = ? WHERE id = ? AND time_zone IS NOT ?')
				.run(zone, userId, zone).changes === 1
		);
	}
}
