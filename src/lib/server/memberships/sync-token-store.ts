import type { Db } from '../db';
import { generateLinkToken } from '../ids';
import { hashSecret } from './secret-hash';

/** Who a sync token speaks for: the user and the session it was minted from. */
export interface SyncPrincipal {
	userId: string;
	sessionId: string;
}

// Long enough to open a websocket after fetching it, short enough that a leaked one is soon useless.
export const SYNC_TOKEN_TTL_MS = 5 * 60 * 1000;

interface TokenRow {
	user_id: string;
	session_id: string;
	expires_at: number;
}

/**
 * Short-lived bearer tokens for websocket clients that cannot send the session cookie (another
 * origin, a native app). Only the hash is stored. Each row references its session with ON DELETE
 * CASCADE, so signing out (or any session revocation) deletes the session's tokens with it.
 */
export class SyncTokenStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	mint(principal: SyncPrincipal): { token: string; expiresAt: number } {
		const now = this.#now();
		const token = generateLinkToken();
		const expiresAt = now + SYNC_TOKEN_TTL_MS;
		// Pruned here rather than on a timer: minting is the only way the table grows.
		this.#db.prepare('DELETE FROM sync_tokens WHERE expires_at <= ?').run(now);
		this.#db
			.prepare(
				'INSERT INTO sync_tokens (token_hash, user_id, session_id, expires_at) VALUES (?, ?, ?, ?)'
			)
			.run(hashSecret(token), principal.userId, principal.sessionId, expiresAt);
		return { token, expiresAt };
	}

	/** The principal for a live token, or null (unknown, expired, or its session is gone). */
	verify(token: string | null | undefined): SyncPrincipal | null {
		if (!token || token.length > 128) {
			return null;
		}
		// Looked up by the hash of a 256-bit secret, so timing reveals nothing useful about it.
		// The session join makes revocation immediate even if a cascade were ever skipped.
		const row = this.#db
			.prepare(
				`SELECT t.* FROM sync_tokens t JOIN sessions s ON s.id = t.session_id
				 WHERE t.token_hash = ? AND t.user_id = s.user_id`
			)
			.get(hashSecret(token)) as TokenRow | undefined;
		if (!row || row.expires_at <= this.#now()) {
			return null;
		}
		return { userId: row.user_id, sessionId: row.session_id };
	}
}
