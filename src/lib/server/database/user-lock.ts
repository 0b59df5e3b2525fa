import type { Kysely } from 'kysely';
import type { AppDatabase } from './app-database';
import type { Database } from './database-types';

/**
 * Runs `fn` so that no other server instance runs it for the same user at the same time: a
 * read-then-write per account (a count, then an insert) stays atomic across instances.
 *
 * PostgreSQL: in a transaction that first locks the user's row (SELECT … FOR UPDATE), so a
 * second instance waits for the first to commit. SQLite: `fn` runs as it is, and must make its
 * one write a single statement: SQLite takes the file's write lock when a writing statement
 * starts, so the statement's own reads cannot go stale. (A transaction around it would let the
 * raw handle's synchronous transactions, still used by stores not yet on this layer, join it as
 * savepoints while it awaits.)
 */
export function underUserLock<T>(
	database: AppDatabase,
	userId: string,
	fn: (db: Kysely<Database>) => Promise<T>
): Promise<T> {
	if (database.engine === 'sqlite') {
		return fn(database.db);
	}
	return database.db.transaction().execute(async (trx) => {
		await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
		return fn(trx);
	});
}
