import type { Db } from '../db';

/**
 * `import_engagements`: which engagement an imported one became, per coach. The UNIQUE
 * (coach_id, source_engagement_id) key is what makes a second import of the same file create
 * nothing: the source engagement is found here and only its documents are re-applied.
 */
export class ImportMappingStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	find(coachId: string, sourceEngagementId: string): string | null {
		const row = this.#db
			.prepare(
				`SELECT m.engagement_id FROM import_engagements m
				 JOIN engagements e ON e.id = m.engagement_id AND e.coach_id = m.coach_id
				 WHERE m.coach_id = ? AND m.source_engagement_id = ?`
			)
			.get(coachId, sourceEngagementId) as { engagement_id: string } | undefined;
		return row?.engagement_id ?? null;
	}

	record(coachId: string, sourceEngagementId: string, engagementId: string): void {
		this.#db
			.prepare(
				`INSERT INTO import_engagements (coach_id, source_engagement_id, engagement_id, created_at)
				 VALUES (?, ?, ?, ?)
				 ON CONFLICT (coach_id, source_engagement_id) DO UPDATE SET engagement_id = excluded.engagement_id`
			)
			.run(coachId, sourceEngagementId, engagementId, this.#now());
	}
}
