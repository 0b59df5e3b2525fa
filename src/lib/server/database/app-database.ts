/**
 * The app's one query layer: a Kysely instance over the embedded SQLite file (the default) or
 * over PostgreSQL when DATABASE_URL is set. Stores take an `AppDatabase` and write their queries
 * once, for both engines; anything engine-specific (the sync server's document persistence on its
 * hot path) stays outside this layer.
 */

import type { Database as SqliteHandle } from 'better-sqlite3';
import {
	Kysely,
	PostgresDialect,
	SqliteDialect,
	type Transaction as KyselyTransaction
} from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db';
import type { Database } from './database-types';
import { migratePostgres } from './migrate-postgres';

export type Engine = 'sqlite' | 'postgres';

/** A transaction over the app's tables, for store methods that take part in a caller's one. */
export type Transaction = KyselyTransaction<Database>;

export interface AppDatabase {
	readonly engine: Engine;
	readonly db: Kysely<Database>;
	/** The embedded file's handle (SQLite only), for the parts that stay engine-specific. */
	readonly sqlite: SqliteHandle | null;
	close(): Promise<void>;
}

const INT8_OID = 20;

/**
 * pg hands BIGINT back as a string (it may exceed 2^53). Ours are epoch milliseconds, counts and
 * cents, all far below that, so they come back as numbers, the same as from SQLite.
 */
const numericTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8_OID && format !== 'binary') {
			return (value: string) => Number(value);
		}
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

export function sqliteAppDatabase(handle: SqliteHandle): AppDatabase {
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
	return {
		engine: 'sqlite',
		db,
		sqlite: handle,
		// Kysely's SQLite driver closes the handle it was given.
		close: () => db.destroy()
	};
}

/** The embedded default: the SQLite file in dataDir, migrated on open. */
export function openSqliteAppDatabase(dataDir: string, fileName?: string): AppDatabase {
	return sqliteAppDatabase(openDatabase(dataDir, fileName));
}

/** PostgreSQL at `url`, migrated on open (instances starting together take turns on a lock). */
export async function openPostgresAppDatabase(
	url: string,
	options: { maxConnections?: number } = {}
): Promise<AppDatabase> {
	const pool = new pg.Pool({
		connectionString: url,
		max: options.maxConnections ?? 10,
		types: numericTypes
	});
	// An idle connection dropped by the server (a restart, a failover) is replaced on next use;
	// without a listener the pool's 'error' event would end the process.
	pool.on('error', (error) =>
		console.warn('PostgreSQL: an idle connection was dropped:', error.message)
	);
	try {
		await migratePostgres(pool);
	} catch (error) {
		await pool.end();
		throw error;
	}
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	const close = async () => {
		await db.destroy();
		// Kysely ends the pool only if it ever ran a query; a pool that only migrated is ours to end.
		if (!pool.ended) {
			await pool.end();
		}
	};
	return { engine: 'postgres', db, sqlite: null, close };
}

/** DATABASE_URL (postgres://…) when given, else the SQLite file in dataDir. */
export function openAppDatabase(options: {
	dataDir: string;
	databaseUrl?: string | null;
}): Promise<AppDatabase> {
	return options.databaseUrl
		? openPostgresAppDatabase(options.databaseUrl)
		: Promise.resolve(openSqliteAppDatabase(options.dataDir));
}
