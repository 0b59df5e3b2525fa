import type { Db } from '../db';

/** How long an answer is kept: longer than any offline outbox waits before retrying. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
// Expired rows are deleted while inserting, at most this often.
const SWEEP_EVERY_MS = 60 * 1000;

/** The first answer to a request sent with an Idempotency-Key. */
export interface StoredAnswer {
	readonly method: string;
	readonly path: string;
	readonly status: number;
	readonly body: Uint8Array<ArrayBuffer>;
	readonly contentType: string | null;
	readonly createdAt: number;
}

interface AnswerRow {
	method: string;
	path: string;
	status: number;
	body: Uint8Array;
	content_type: string | null;
	created_at: number;
}

/** The `idempotency_keys` table: (user, key) -> first answer, for 24 hours. */
export class IdempotencyStore {
	#db: Db;
	#now: () => number;
	#lastSweep = 0;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	/** The stored answer, unless it is older than the TTL (then the key is free again). */
	find(userId: string, key: string): StoredAnswer | null {
		const row = this.#db
			.prepare(
				`SELECT method, path, status, body, content_type, created_at FROM idempotency_keys
				 WHERE user_id = ? AND key = ? AND created_at > ?`
			)
			.get(userId, key, this.#now() - IDEMPOTENCY_TTL_MS) as AnswerRow | undefined;
		return row
			? {
					method: row.method,
					path: row.path,
					status: row.status,
					body: new Uint8Array(row.body),
					contentType: row.content_type,
					createdAt: row.created_at
				}
			: null;
	}

	/** Keeps the answer; an expired row under the same key is replaced. */
	save(userId: string, key: string, answer: Omit<StoredAnswer, 'createdAt'>): void {
		const now = this.#now();
		if (now - this.#lastSweep >= SWEEP_EVERY_MS) {
			this.sweep();
		}
		this.#db
			.prepare(
				`INSERT INTO idempotency_keys
				 (user_id, key, method, path, status, body, content_type, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT(user_id, key) DO UPDATE SET method = excluded.method, path = excluded.path,
				 status = excluded.status, body = excluded.body, content_type = excluded.content_type,
				 created_at = excluded.created_at
				 WHERE idempotency_keys.created_at <= ?`
			)
			.run(
				userId,
				key,
				answer.method,
				answer.path,
				answer.status,
				answer.body,
				answer.contentType,
				now,
				now - IDEMPOTENCY_TTL_MS
			);
	}

	/** Deletes expired answers; returns how many. */
	sweep(): number {
		this.#lastSweep = this.#now();
		return this.#db
			.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?')
			.run(this.#lastSweep - IDEMPOTENCY_TTL_MS).changes;
	}
}
