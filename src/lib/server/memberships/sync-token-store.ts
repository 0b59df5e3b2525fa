import type { AppDatabase } from '../database/app-database';
import { generateLinkToken } from '../ids';
import { hashSecret } from './secret-hash';

/** Who a sync token speaks for: the user and the session it was minted from. */
export interface SyncPrincipal {
	userId: string;
	sessionId: string;
}

// Long enough to open a websocket after fetching it, short enough that a leaked one is soon useless.
export const SYNC_TOKEN_TTL_MS = 5 * 60 * 1000;

/**
 * Short-lived bearer tokens for websocket clients that cannot send the session cookie (another
 * origin, a native app). Only the hash is stored. Each row references its session with ON DELETE
 * CASCADE, so signing out (or any session revocation) deletes the session's tokens with it.
 */
export class SyncTokenStore {
	#db: AppDatabase['db'];
	#now: () => number;

	constructor(database: AppDatabase, now: () => number = Date.now) {
		this.#db = database.db;
		this.#now = now;
	}

	async mint(principal: SyncPrincipal): Promise<{ token: string; expiresAt: number }> {
		const now = this.#now();
		const token = generateLinkToken();
		const expiresAt = now + SYNC_TOKEN_TTL_MS;
		// Pruned here rather than on a timer: minting is the only way the table grows.
		await this.#db.deleteFrom('sync_tokens').where('expires_at', '<=', now).execute();
		await this.#db
			.insertInto('sync_tokens')
			.values({
				token_hash: Buffer.from(hashSecret(token)),
				user_id: principal.userId,
				session_id: principal.sessionId,
				expires_at: expiresAt
			})
			.execute();
		return { token, expiresAt };
	}

	/** The principal for a live token, or null (unknown, expired, or its session is gone). */
	async verify(token: string | null | undefined): Promise<SyncPrincipal | null> {
		if (!token || token.length > 128) {
			return null;
		}
		// Looked up by the hash of a 256-bit secret, so timing reveals nothing useful about it.
		// The session join makes revocation immediate even if a cascade were ever skipped.
		const row = await this.#db
			.selectFrom('sync_tokens as t')
			.innerJoin('sessions as s', 's.id', 't.session_id')
			.select(['t.user_id', 't.session_id', 't.expires_at'])
			.where('t.token_hash', '=', Buffer.from(hashSecret(token)))
			.whereRef('t.user_id', '=', 's.user_id')
			.executeTakeFirst();
		if (!row || row.expires_at <= this.#now()) {
			return null;
		}
		return { userId: row.user_id, sessionId: row.session_id };
	}
}
