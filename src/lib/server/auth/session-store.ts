import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

/**
 * Sessions as in Lucia's current guide (sessions/basic + inactivity timeout): a token
 * `<id>.<secret>`, only SHA-256(secret) stored, constant-time comparison, and a sliding expiry
 * that is extended at most once per check interval so a busy client does not write on every request.
 */
export interface Session {
	id: string;
	userId: string;
	createdAt: number;
	lastVerifiedAt: number;
}

export interface SessionPolicy {
	/** A session unused for this long is gone. */
	inactivityTimeoutMs: number;
	/** How often use of a session moves its expiry forward. */
	activityCheckIntervalMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
	// Clients may go weeks between sessions; a month keeps them signed in without being forever.
	inactivityTimeoutMs: 30 * 24 * 60 * 60 * 1000,
	activityCheckIntervalMs: 60 * 60 * 1000
};

export interface ValidatedSession {
	session: Session;
	/** True when the expiry moved, so the cookie should be sent again with the new Max-Age. */
	refreshed: boolean;
}

type Row = {
	id: string;
	user_id: string;
	secret_hash: Uint8Array;
	created_at: number;
	last_verified_at: number;
};

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export class SessionStore {
	#db: Db;
	#policy: SessionPolicy;
	#now: () => number;
	#revokeListeners = new Set<(sessionIds: string[]) => void>();

	constructor(db: Db, options: { policy?: SessionPolicy; now?: () => number } = {}) {
		this.#db = db;
		this.#policy = options.policy ?? defaultSessionPolicy;
		this.#now = options.now ?? Date.now;
	}

	get policy(): SessionPolicy {
		return this.#policy;
	}

	/** Creates a session and returns the token to hand to the client; the secret is never stored. */
	create(userId: string): { token: string; session: Session } {
		const id = generateSecureRandomString();
		const secret = generateSecureRandomString();
		const now = this.#now();
		this.#db
			.prepare(
				'INSERT INTO sessions (id, user_id, secret_hash, created_at, last_verified_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run(id, userId, hashSecret(secret), now, now);
		return {
			token: `${id}.${secret}`,
			session: { id, userId, createdAt: now, lastVerifiedAt: now }
		};
	}

	validate(token: string | undefined | null): ValidatedSession | null {
		if (!token) {
			return null;
		}
		const parts = token.split('.');
		if (parts.length !== 2 || !parts[0] || !parts[1]) {
			return null;
		}
		const [id, secret] = parts;
		const row = this.#db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
		if (!row) {
			return null;
		}
		const now = this.#now();
		if (now - row.last_verified_at >= this.#policy.inactivityTimeoutMs) {
			this.#delete([row.id]);
			return null;
		}
		if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) {
			return null;
		}
		const session: Session = {
			id: row.id,
			userId: row.user_id,
			createdAt: row.created_at,
			lastVerifiedAt: row.last_verified_at
		};
		if (now - row.last_verified_at >= this.#policy.activityCheckIntervalMs) {
			this.#db.prepare('UPDATE sessions SET last_verified_at = ? WHERE id = ?').run(now, id);
			session.lastVerifiedAt = now;
			return { session, refreshed: true };
		}
		return { session, refreshed: false };
	}

	/** Milliseconds until the session expires if it is not used again. */
	remainingMs(session: Session): number {
		return session.lastVerifiedAt + this.#policy.inactivityTimeoutMs - this.#now();
	}

	invalidate(sessionId: string): void {
		this.#delete([sessionId]);
	}

	invalidateAllForUser(userId: string): void {
		const ids = (
			this.#db.prepare('SELECT id FROM sessions WHERE user_id = ?').all(userId) as { id: string }[]
		).map((r) => r.id);
		this.#delete(ids);
	}

	/** Ends every session of the user except `keepId` (a password change keeps the device that made it). */
	invalidateOthersForUser(userId: string, keepId: string): void {
		const ids = (
			this.#db
				.prepare('SELECT id FROM sessions WHERE user_id = ? AND id != ?')
				.all(userId, keepId) as {
				id: string;
			}[]
		).map((r) => r.id);
		this.#delete(ids);
	}

	/** Listeners learn about revoked sessions, e.g. to close live websocket connections. */
	onRevoke(listener: (sessionIds: string[]) => void): () => void {
		this.#revokeListeners.add(listener);
		return () => this.#revokeListeners.delete(listener);
	}

	/** Removes sessions idle past the timeout; called periodically. */
	deleteExpired(): number {
		const cutoff = this.#now() - this.#policy.inactivityTimeoutMs;
		const ids = (
			this.#db.prepare('SELECT id FROM sessions WHERE last_verified_at <= ?').all(cutoff) as {
				id: string;
			}[]
		).map((r) => r.id);
		this.#delete(ids);
		return ids.length;
	}

	#delete(ids: string[]): void {
		if (ids.length === 0) {
			return;
		}
		const stmt = this.#db.prepare('DELETE FROM sessions WHERE id = ?');
		this.#db.transaction(() => ids.forEach((id) => stmt.run(id)))();
		for (const listener of this.#revokeListeners) {
			listener(ids);
		}
	}
}
