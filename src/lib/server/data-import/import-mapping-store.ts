import type { Db } from '../db';

/** A source engagement's coach and client ids on the exporting server. */
export interface SourceIds {
	coach: string | null;
	client: string | null;
}

export interface FormerIds {
	coach: string[];
	client: string[];
}

interface AliasRow {
	engagement_id: string;
	source_coach_id: string | null;
	source_client_id: string | null;
}

interface EarlierRow {
	engagement_id: string;
	side: 'coach' | 'client';
	former_id: string;
}

const NONE: FormerIds = { coach: [], client: [] };

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

	/**
	 * `sourceIds` are the exporting server's coach and client ids (identity aliases); a second
	 * import fills them in for rows an older import recorded without them. `earlier` are the ids
	 * from servers before that one (the manifest's formerIds), added to what is already known.
	 */
	record(
		coachId: string,
		sourceEngagementId: string,
		engagementId: string,
		sourceIds: SourceIds = { coach: null, client: null },
		earlier: FormerIds = NONE
	): void {
		this.#db.transaction(() => {
			this.#upsert(coachId, sourceEngagementId, engagementId, sourceIds);
			const alias = this.#db.prepare(
				`INSERT OR IGNORE INTO import_aliases (coach_id, source_engagement_id, side, former_id)
				 VALUES (?, ?, ?, ?)`
			);
			for (const side of ['coach', 'client'] as const) {
				for (const id of earlier[side]) {
					alias.run(coachId, sourceEngagementId, side, id);
				}
			}
		})();
	}

	#upsert(
		coachId: string,
		sourceEngagementId: string,
		engagementId: string,
		sourceIds: SourceIds
	): void {
		this.#db
			.prepare(
				`INSERT INTO import_engagements
				 (coach_id, source_engagement_id, engagement_id, source_coach_id, source_client_id, created_at)
				 VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT (coach_id, source_engagement_id) DO UPDATE SET
				 engagement_id = excluded.engagement_id,
				 source_coach_id = COALESCE(excluded.source_coach_id, source_coach_id),
				 source_client_id = COALESCE(excluded.source_client_id, source_client_id)`
			)
			.run(
				coachId,
				sourceEngagementId,
				engagementId,
				sourceIds.coach,
				sourceIds.client,
				this.#now()
			);
	}

	/**
	 * The source ids recorded for each of `engagementIds` (several source engagements may have
	 * become one engagement), the exporting server's first and then earlier servers', unfiltered;
	 * see cleanFormerIds for what may be shown.
	 */
	formerIds(engagementIds: readonly string[]): Map<string, FormerIds> {
		const result = new Map<string, FormerIds>();
		if (engagementIds.length === 0) {
			return result;
		}
		const rows = this.#db
			.prepare(
				`SELECT engagement_id, source_coach_id, source_client_id FROM import_engagements
				 WHERE engagement_id IN (SELECT value FROM json_each(?))`
			)
			.all(JSON.stringify(engagementIds)) as AliasRow[];
		for (const row of rows) {
			const entry = result.get(row.engagement_id) ?? { coach: [], client: [] };
			if (row.source_coach_id) {
				entry.coach.push(row.source_coach_id);
			}
			if (row.source_client_id) {
				entry.client.push(row.source_client_id);
			}
			result.set(row.engagement_id, entry);
		}
		for (const row of this.#earlier(engagementIds)) {
			const entry = result.get(row.engagement_id) ?? { coach: [], client: [] };
			entry[row.side].push(row.former_id);
			result.set(row.engagement_id, entry);
		}
		return result;
	}

	#earlier(engagementIds: readonly string[]): EarlierRow[] {
		return this.#db
			.prepare(
				`SELECT m.engagement_id, a.side, a.former_id FROM import_aliases a
				 JOIN import_engagements m
				 ON m.coach_id = a.coach_id AND m.source_engagement_id = a.source_engagement_id
				 WHERE m.engagement_id IN (SELECT value FROM json_each(?))
				 ORDER BY a.rowid`
			)
			.all(JSON.stringify(engagementIds)) as EarlierRow[];
	}
}
