import type { OwnProfile, ProfileInput, PublicProfile } from '../../api/profile';
import type { PublicUser } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';
import { ok, type Result } from '../errors';
import type { UserStore } from '../users';
import type { ProfileStore, StoredProfile } from './profile-store';

/** The profile part of an engagement as a client sees it. */
export function publicProfileView(profile: StoredProfile): PublicProfile {
	return {
		bio: profile.bio,
		photo: profile.photo,
		links: profile.links.map((link) => ({ label: link.label, url: link.url })),
		greeting: profile.greeting,
		updatedAt: new Date(profile.updatedAt).toISOString()
	};
}

/** The coach's own view: the public profile plus the account name it is shown with. */
export function ownProfileView(name: string, profile: StoredProfile): OwnProfile {
	return { name, ...publicProfileView(profile) };
}

export type PublicProfileView = PublicProfile;

/**
 * The coach's public profile. The browser edits it in the coach's private `coach:` document and
 * publishes it here (through the offline outbox), so clients can read it from the engagement list.
 */
export class ProfileService {
	#database: AppDatabase;
	#store: ProfileStore;
	#users: UserStore;
	#now: () => number;

	constructor(deps: {
		database: AppDatabase;
		store: ProfileStore;
		users: UserStore;
		now?: () => number;
	}) {
		this.#database = deps.database;
		this.#store = deps.store;
		this.#users = deps.users;
		this.#now = deps.now ?? Date.now;
	}

	async get(coach: PublicUser): Promise<OwnProfile | null> {
		const profile = this.#store.forCoach(coach.id);
		const name = (await this.#users.byId(coach.id))?.name ?? coach.name;
		return profile ? ownProfileView(name, profile) : null;
	}

	/** Replaces the whole profile (the form is saved as a whole); `name` renames the account. */
	async put(coach: PublicUser, input: ProfileInput): Promise<Result<OwnProfile>> {
		const { name, ...fields } = input;
		const profile: StoredProfile = { coachId: coach.id, ...fields, updatedAt: this.#now() };
		await this.#database.db.transaction().execute(async (trx) => {
			if (name !== undefined) {
				await this.#users.rename(coach.id, name, trx);
			}
			// The profile store still writes through the raw SQLite handle: on SQLite that is
			// this transaction's connection, so the name and the profile commit together.
			this.#store.save(profile);
		});
		return ok(ownProfileView(name ?? coach.name, profile));
	}

	/** For engagement listings: what clients of this coach see, or null before it is published. */
	publicOf(coachId: string): PublicProfileView | null {
		const profile = this.#store.forCoach(coachId);
		return profile ? publicProfileView(profile) : null;
	}
}
