import type { Db } from '../src/lib/server/db';
import type { ClientOwners } from './engagement-update-policy';

/**
 * ClientOwners in the app's SQLite (`sync_client_owners`), with a memory cache: a document
 * sees a new client id once per browser session, and every update asks about its ids.
 */
export class ClientOwnerStore implements ClientOwners {
	readonly #cache = new Map<string, string>();
	readonly #select;
	readonly #insert;

	constructor(db: Db) {
		this.#select = db.prepare<[string, number], { user_id: string }>(
			'SELECT user_id FROM sync_client_owners WHERE doc = ? AND client_id = ?'
		);
		// A user deleted since then owns nothing: the row went with them (ON DELETE CASCADE).
		this.#insert = db.prepare(
			`INSERT INTO sync_client_owners (doc, client_id, user_id)
			 SELECT ?, ?, id FROM users WHERE id = ? ON CONFLICT DO NOTHING`
		);
	}

	ownerOf(docName: string, client: number): string | null {
		const key = `${docName}\n${client}`;
		const cached = this.#cache.get(key);
		if (cached !== undefined) {
			return cached;
		}
		const owner = this.#select.get(docName, client)?.user_id ?? null;
		if (owner !== null) {
			this.#cache.set(key, owner);
		}
		return owner;
	}

	claim(docName: string, client: number, userId: string): void {
		this.#insert.run(docName, client, userId);
		this.#cache.set(`${docName}\n${client}`, userId);
	}
}
