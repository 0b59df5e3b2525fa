import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

/**
 * The coach's packages catalogue (e.g. "6 sessions"). Only a placeholder for now: invites may name
 * a package, so the table and the ownership check exist; editing the catalogue comes later.
 */
export interface CatalogPackage {
	id: string;
	coachId: string;
	name: string;
	sessionCount: number | null;
}

interface PackageRow {
	id: string;
	coach_id: string;
	name: string;
	session_count: number | null;
}

export class PackageStore {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	create(input: { coachId: string; name: string; sessionCount?: number }): CatalogPackage {
		const id = generateSecureRandomString();
		const sessionCount = input.sessionCount ?? null;
		this.#db
			.prepare(
				'INSERT INTO packages (id, coach_id, name, session_count, created_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run(id, input.coachId, input.name, sessionCount, Date.now());
		return { id, coachId: input.coachId, name: input.name, sessionCount };
	}

	/** A package only counts as found for the coach who owns it. */
	forCoach(coachId: string, id: string): CatalogPackage | null {
		const row = this.#db
			.prepare('SELECT * FROM packages WHERE id = ? AND coach_id = ?')
			.get(id, coachId) as PackageRow | undefined;
		return row
			? { id: row.id, coachId: row.coach_id, name: row.name, sessionCount: row.session_count }
			: null;
	}
}
