import { sql } from 'kysely';
import type { AppDatabase } from '../database/app-database';

/** One engagement of the account being deleted, with the person on the other side. */
export interface AffectedEngagement {
	id: string;
	status: 'pending' | 'active' | 'ended';
	/** The other side: the client (for a coach) or the coach (for a client). */
	other: { id: string | null; name: string; email: string };
}

/**
 * The SQL of an account deletion. Almost everything goes with the users row through
 * `ON DELETE CASCADE` (sessions, sync tokens, engagements and through them invites and
 * notifications, packages, profile, settings, idempotency keys, import mappings, and every
 * table later migrations add the same way); what cascades cannot reach is deleted here.
 */
export class DeletionStore {
	#database: AppDatabase;

	constructor(database: AppDatabase) {
		this.#database = database;
	}

	/** Every engagement the user is in, ended and pending ones included. */
	async engagementsOf(userId: string, role: 'coach' | 'client'): Promise<AffectedEngagement[]> {
		const db = this.#database.db;
		const rows =
			role === 'coach'
				? await db
						.selectFrom('engagements as e')
						.leftJoin('users as u', 'u.id', 'e.client_id')
						.select((eb) => [
							'e.id',
							'e.status',
							'e.client_id as other_id',
							eb.fn.coalesce('u.name', 'e.invited_name').as('other_name'),
							eb.fn.coalesce('u.email', 'e.invited_email').as('other_email')
						])
						.where('e.coach_id', '=', userId)
						.orderBy('e.created_at')
						.orderBy('e.id')
						.execute()
				: await db
						.selectFrom('engagements as e')
						.innerJoin('users as u', 'u.id', 'e.coach_id')
						.select([
							'e.id',
							'e.status',
							'e.coach_id as other_id',
							'u.name as other_name',
							'u.email as other_email'
						])
						.where('e.client_id', '=', userId)
						.orderBy('e.created_at')
						.orderBy('e.id')
						.execute();
		return rows.map((row) => ({
			id: row.id,
			status: row.status as AffectedEngagement['status'],
			other: { id: row.other_id, name: row.other_name, email: row.other_email }
		}));
	}

	/**
	 * Deletes the user (and through the cascades everything that is theirs) and the stored
	 * replies of OTHER users' idempotent requests that mention them (a coach's "invite created"
	 * answer carries the client's name and email for 24 hours). In one transaction, which
	 * `before` joins (cancelling the user's sessions, with their emails queued): all or nothing.
	 * `before` still writes through the raw SQLite handle, which on SQLite is this transaction's
	 * connection.
	 */
	async deleteUser(
		user: { id: string; email: string; name: string },
		before?: () => void
	): Promise<void> {
		const mentions = [user.id, user.email, user.name]
			.filter((s) => s.length >= 3)
			.map((s) => Buffer.from(s, 'utf8'));
		// Finding bytes inside a blob: instr() on SQLite, position() on PostgreSQL's bytea.
		const mentioned = (mention: Buffer) =>
			this.#database.engine === 'sqlite'
				? sql<boolean>`instr(body, ${mention}) > 0`
				: sql<boolean>`position(${mention}::bytea in body) > 0`;
		await this.#database.db.transaction().execute(async (trx) => {
			before?.();
			for (const mention of mentions) {
				await trx
					.deleteFrom('idempotency_keys')
					.where('user_id', '!=', user.id)
					.where(mentioned(mention))
					.execute();
			}
			await trx.deleteFrom('users').where('id', '=', user.id).execute();
		});
	}

	/**
	 * secure_delete (db.ts) zeroes the deleted rows in the pages written by this transaction,
	 * but the WAL still holds older frames with the old bytes: TRUNCATE copies everything into
	 * the database file and empties the WAL. SQLite only: PostgreSQL has no such file here.
	 */
	checkpoint(): { busy: boolean } {
		const handle = this.#database.sqlite;
		if (!handle) {
			return { busy: false };
		}
		const [result] = handle.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
		return { busy: (result?.busy ?? 0) !== 0 };
	}
}
