import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
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
	user_agent: string;
	last_used_at: number;
};

/** One signed-in device as its owner sees it (Settings → Signed-in devices). */
export interface DeviceSession {
	/** Names the session without revealing its id (half of the cookie). */
	publicId: string;
	userAgent: string;
	signedInAt: number;
	lastUsedAt: number;
}

// "Last used" is kept to the minute: a write per minute per active device, not per request.
const USE_RESOLUTION_MS = 60_000;
// A User-Agent is a request header anyone can make huge; a summary needs only the start.
const MAX_USER_AGENT = 512;

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** The id a devices list and its "Sign out" button use for a session. */
export function publicSessionId(sessionId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`device:${sessionId}`))).slice(0, 32);
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
	create(userId: string, userAgent = ''): { token: string; session: Session } {
		const id = generateSecureRandomString();
		const secret = generateSecureRandomString();
		const now = this.#now();
		this.#db
			.prepare(
				`INSERT INTO sessions (id, user_id, secret_hash, created_at, last_verified_at, user_agent, last_used_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?)`
			)
			.run(id, userId, hashSecret(secret), now, now, userAgent.slice(0, MAX_USER_AGENT), now);
		return {
			token: `${id}.${secret}`,
			session: { id, userId, createdAt: now, lastVerifiedAt: now }
		};
	}

	/** `userAgent`: the request's, recorded for the devices list if the session has none yet. */
	validate(token: string | undefined | null, userAgent = ''): ValidatedSession | null {
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
		this.#noteUse(row, userAgent, now);
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

	/** The user's signed-in devices, most recently used first. */
	listForUser(userId: string): DeviceSession[] {
		const rows = this.#db
			.prepare(
				'SELECT * FROM sessions WHERE user_id = ? ORDER BY last_used_at DESC, created_at DESC'
			)
			.all(userId) as Row[];
		return rows.map((row) => ({
			publicId: publicSessionId(row.id),
			userAgent: row.user_agent,
			signedInAt: row.created_at,
			lastUsedAt: Math.max(row.last_used_at, row.last_verified_at)
		}));
	}

	/** Ends the user's session named by `publicId`; false if the user has no such session. */
	invalidateByPublicId(userId: string, publicId: string): boolean {
		const ids = (
			this.#db.prepare('SELECT id FROM sessions WHERE user_id = ?').all(userId) as { id: string }[]
		)
			.map((r) => r.id)
			.filter((id) => publicSessionId(id) === publicId);
		this.#delete(ids);
		return ids.length > 0;
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
	invalidateOthersForUser(userId: string, keepId: string): number {
		const ids = (
			this.#db
				.prepare('SELECT id FROM sessions WHERE user_id = ? AND id != ?')
				.all(userId, keepId) as {
				id: string;
			}[]
		).map((r) => r.id);
		this.#delete(ids);
		return ids.length;
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

	#noteUse(row: Row, userAgent: string, now: number): void {
		const missingAgent = row.user_agent === '' && userAgent !== '';
		if (!missingAgent && now - row.last_used_at < USE_RESOLUTION_MS) {
			return;
		}
		this.#db
			.prepare(
				"UPDATE sessions SET last_used_at = ?, user_agent = CASE WHEN user_agent = '' THEN ? ELSE user_agent END WHERE id = ?"
			)
			.run(now, userAgent.slice(0, MAX_USER_AGENT), row.id);
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
