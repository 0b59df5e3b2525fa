import type { PublicLink } from '../../domain/profile-rules';
import type { Db } from '../db';

/** What clients see of their coach (besides the name, which lives on the account). */
export interface StoredProfile {
	readonly coachId: string;
	readonly bio: string;
	readonly photo: string | null;
	readonly links: readonly PublicLink[];
	readonly greeting: string;
	readonly updatedAt: number;
}

interface ProfileRow {
	coach_id: string;
	bio: string;
	photo: string | null;
	links: string;
	greeting: string;
	updated_at: number;
}

function parseLinks(json: string): PublicLink[] {
	// Written only by save() from validated input; a damaged row shows no links, not a 500.
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value)
			? value.filter(
					(link): link is PublicLink =>
						typeof link?.label === 'string' && typeof link?.url === 'string'
				)
			: [];
	} catch {
		return [];
	}
}

function toProfile(row: ProfileRow): StoredProfile {
	return {
		coachId: row.coach_id,
		bio: row.bio,
		photo: row.photo,
		links: parseLinks(row.links),
		greeting: row.greeting,
		updatedAt: row.updated_at
	};
}

/** The `coach_profiles` table: one row per coach who has published a profile. */
export class ProfileStore {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	save(profile: StoredProfile): void {
		this.#db
			.prepare(
				`INSERT INTO coach_profiles (coach_id, bio, photo, links, greeting, updated_at)
				 VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT(coach_id) DO UPDATE SET bio = excluded.bio, photo = excluded.photo,
				 links = excluded.links, greeting = excluded.greeting, updated_at = excluded.updated_at`
			)
			.run(
				profile.coachId,
				profile.bio,
				profile.photo,
				JSON.stringify(profile.links),
				profile.greeting,
				profile.updatedAt
			);
	}

	forCoach(coachId: string): StoredProfile | null {
		const row = this.#db.prepare('SELECT * FROM coach_profiles WHERE coach_id = ?').get(coachId) as
			ProfileRow | undefined;
		return row ? toProfile(row) : null;
	}
}
