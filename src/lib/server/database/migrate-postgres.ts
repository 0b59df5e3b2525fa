import type pg from 'pg';
import { postgresMigrations } from './postgres-migrations';

// Any constant works as long as nothing else in the database uses it for an advisory lock.
const MIGRATION_LOCK = 741_206;

/**
 * Applies the PostgreSQL migrations above the recorded version, each in its own transaction.
 * Several instances may start at once against one database: a session-level advisory lock makes
 * them take turns, so each migration runs exactly once.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await client.query('CREATE TABLE IF NOT EXISTS tandem_schema (version BIGINT NOT NULL)');
		const { rows } = await client.query<{ version: string | number | null }>(
			'SELECT max(version) AS version FROM tandem_schema'
		);
		const current = Number(rows[0]?.version ?? 0);
		for (const migration of postgresMigrations) {
			if (migration.version <= current) {
				continue;
			}
			await client.query('BEGIN');
			try {
				await client.query(migration.sql);
				await client.query('INSERT INTO tandem_schema (version) VALUES ($1)', [migration.version]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
		}
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
}
