import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DeleteQueryBuilder, DeleteResult } from 'kysely';
import type { AppDatabase } from '../database/app-database';
import type { Database } from '../database/database-types';
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

type Kysely = AppDatabase['db'];
type SessionsDelete = DeleteQueryBuilder<Database, 'sessions', DeleteResult>;

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

function hashSecret(secret: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

/** The id a devices list and its "Sign out" button use for a session. */
export function publicSessionId(sessionId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`device:${sessionId}`))).slice(0, 32);
}

export class SessionStore {
	#db: Kysely;
	#policy: SessionPolicy;
	#now: () => number;
	#revokeListeners = new Set<(sessionIds: string[]) => void>();

	constructor(database: AppDatabase, options: { policy?: SessionPolicy; now?: () => number } = {}) {
		this.#db = database.db;
		this.#policy = options.policy ?? defaultSessionPolicy;
		this.#now = options.now ?? Date.now;
	}

	get policy(): SessionPolicy {
		return this.#policy;
	}

	/** Creates a session and returns the token to hand to the client; the secret is never stored. */
	async create(userId: string, userAgent = ''): Promise<{ token: string; session: Session }> {
		const id = generateSecureRandomString();
		const secret = generateSecureRandomString();
		const now = this.#now();
		await this.#db
			.insertInto('sessions')
			.values({
				id,
				user_id: userId,
				secret_hash: hashSecret(secret),
				created_at: now,
				last_verified_at: now,
				user_agent: userAgent.slice(0, MAX_USER_AGENT),
				last_used_at: now
			})
			.execute();
		return {
			token: `${id}.${secret}`,
			session: { id, userId, createdAt: now, lastVerifiedAt: now }
		};
	}

	/** `userAgent`: the request's, recorded for the devices list if the session has none yet. */
	async validate(
		token: string | undefined | null,
		userAgent = ''
	): Promise<ValidatedSession | null> {
		if (!token) {
			return null;
		}
		const parts = token.split('.');
		if (parts.length !== 2 || !parts[0] || !parts[1]) {
			return null;
		}
		const [id, secret] = parts;
		const row: Row | undefined = await this.#db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) {
			return null;
		}
		const now = this.#now();
		if (now - row.last_verified_at >= this.#policy.inactivityTimeoutMs) {
			await this.#delete([row.id]);
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
		const refreshed = now - row.last_verified_at >= this.#policy.activityCheckIntervalMs;
		// Both bookkeeping writes in one statement: a refresh always notes the use too.
		await this.#noteUse(row, userAgent, now, refreshed);
		if (refreshed) {
			session.lastVerifiedAt = now;
		}
		return { session, refreshed };
	}

	/** The user's signed-in devices, most recently used first. */
	async listForUser(userId: string): Promise<DeviceSession[]> {
		const rows = await this.#db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', userId)
			.orderBy('last_used_at', 'desc')
			.orderBy('created_at', 'desc')
			.execute();
		return rows.map((row) => ({
			publicId: publicSessionId(row.id),
			userAgent: row.user_agent,
			signedInAt: row.created_at,
			lastUsedAt: Math.max(row.last_used_at, row.last_verified_at)
		}));
	}

	/** Ends the user's session named by `publicId`; false if the user has no such session. */
	async invalidateByPublicId(userId: string, publicId: string): Promise<boolean> {
		const ids = (
			await this.#db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()
		)
			.map((r) => r.id)
			.filter((id) => publicSessionId(id) === publicId);
		await this.#delete(ids);
		return ids.length > 0;
	}

	/** Milliseconds until the session expires if it is not used again. */
	remainingMs(session: Session): number {
		return session.lastVerifiedAt + this.#policy.inactivityTimeoutMs - this.#now();
	}

	async invalidate(sessionId: string): Promise<void> {
		await this.#delete([sessionId]);
	}

	async invalidateAllForUser(userId: string): Promise<void> {
		await this.#deleteWhere((q) => q.where('user_id', '=', userId));
	}

	/** Ends every session of the user except `keepId` (a password change keeps the device that made it). */
	async invalidateOthersForUser(userId: string, keepId: string): Promise<number> {
		return (
			await this.#deleteWhere((q) => q.where('user_id', '=', userId).where('id', '!=', keepId))
		).length;
	}

	/** Listeners learn about revoked sessions, e.g. to close live websocket connections. */
	onRevoke(listener: (sessionIds: string[]) => void): () => void {
		this.#revokeListeners.add(listener);
		return () => this.#revokeListeners.delete(listener);
	}

	/** Removes sessions idle past the timeout; called periodically. */
	async deleteExpired(): Promise<number> {
		const cutoff = this.#now() - this.#policy.inactivityTimeoutMs;
		return (await this.#deleteWhere((q) => q.where('last_verified_at', '<=', cutoff))).length;
	}

	async #noteUse(row: Row, userAgent: string, now: number, refreshed: boolean): Promise<void> {
		const missingAgent = row.user_agent === '' && userAgent !== '';
		if (!refreshed && !missingAgent && now - row.last_used_at < USE_RESOLUTION_MS) {
			return;
		}
		await this.#db
			.updateTable('sessions')
			.set((eb) => ({
				last_used_at: now,
				user_agent: eb
					.case()
					.when('user_agent', '=', '')
					.then(userAgent.slice(0, MAX_USER_AGENT))
					.else(eb.ref('user_agent'))
					.end(),
				...(refreshed ? { last_verified_at: now } : {})
			}))
			.where('id', '=', row.id)
			.execute();
	}

	async #delete(ids: string[]): Promise<void> {
		if (ids.length === 0) {
			return;
		}
		await this.#deleteWhere((q) => q.where('id', 'in', ids));
	}

	/** One DELETE … RETURNING id, so the listeners hear exactly which sessions went. */
	async #deleteWhere(filter: (query: SessionsDelete) => SessionsDelete): Promise<string[]> {
		const ids = (await filter(this.#db.deleteFrom('sessions')).returning('id').execute()).map(
			(r) => r.id
		);
		if (ids.length > 0) {
			for (const listener of this.#revokeListeners) {
				listener(ids);
			}
		}
		return ids;
	}
}
