import type { AppDatabase } from '../database/app-database';

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

/** The `idempotency_keys` table: (user, key) -> first answer, for 24 hours. */
export class IdempotencyStore {
	#db: AppDatabase['db'];
	#now: () => number;
	#lastSweep = 0;

	constructor(database: AppDatabase, now: () => number = Date.now) {
		this.#db = database.db;
		this.#now = now;
	}

	/** The stored answer, unless it is older than the TTL (then the key is free again). */
	async find(userId: string, key: string): Promise<StoredAnswer | null> {
		const row = await this.#db
			.selectFrom('idempotency_keys')
			.select(['method', 'path', 'status', 'body', 'content_type', 'created_at'])
			.where('user_id', '=', userId)
			.where('key', '=', key)
			.where('created_at', '>', this.#now() - IDEMPOTENCY_TTL_MS)
			.executeTakeFirst();
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
	async save(userId: string, key: string, answer: Omit<StoredAnswer, 'createdAt'>): Promise<void> {
		const now = this.#now();
		if (now - this.#lastSweep >= SWEEP_EVERY_MS) {
			await this.sweep();
		}
		await this.#db
			.insertInto('idempotency_keys')
			.values({
				user_id: userId,
				key,
				method: answer.method,
				path: answer.path,
				status: answer.status,
				body: Buffer.from(answer.body),
				content_type: answer.contentType,
				created_at: now
			})
			.onConflict((oc) =>
				oc
					.columns(['user_id', 'key'])
					.doUpdateSet((eb) => ({
						method: eb.ref('excluded.method'),
						path: eb.ref('excluded.path'),
						status: eb.ref('excluded.status'),
						body: eb.ref('excluded.body'),
						content_type: eb.ref('excluded.content_type'),
						created_at: eb.ref('excluded.created_at')
					}))
					.where('idempotency_keys.created_at', '<=', now - IDEMPOTENCY_TTL_MS)
			)
			.execute();
	}

	/** Deletes expired answers; returns how many. */
	async sweep(): Promise<number> {
		this.#lastSweep = this.#now();
		const result = await this.#db
			.deleteFrom('idempotency_keys')
			.where('created_at', '<=', this.#lastSweep - IDEMPOTENCY_TTL_MS)
			.executeTakeFirst();
		return Number(result.numDeletedRows);
	}
}
