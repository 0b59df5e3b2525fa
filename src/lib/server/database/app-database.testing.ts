import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import {
	openPostgresAppDatabase,
	openSqliteAppDatabase,
	type AppDatabase,
	type Engine
} from './app-database';

/** Every store test runs once per engine: `describe.each(ENGINES)('%s', (engine) => …)`. */
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/**
 * Fresh, migrated app databases on `engine` for one describe block: SQLite in a temp dir, or a
 * new database on a throwaway PostgreSQL server started once for the block (beforeAll). Call
 * `open()` per test and `closeAll()` in afterEach.
 */
export function appDatabaseFixture(engine: Engine) {
	let server: TestPostgres | undefined;
	const open: { database: AppDatabase; dir: string | null }[] = [];
	if (engine === 'postgres') {
		beforeAll(async () => {
			server = await startPostgres();
		}, 60_000);
		afterAll(async () => {
			await server?.stop();
		});
	}
	return {
		async open(): Promise<AppDatabase> {
			if (engine === 'sqlite') {
				const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-store-'));
				const database = openSqliteAppDatabase(dir);
				open.push({ database, dir });
				return database;
			}
			if (!server) {
				throw new Error('PostgreSQL starts in beforeAll; open databases inside a test.');
			}
			const database = await openPostgresAppDatabase(await server.createDatabase(), {
				maxConnections: 4
			});
			open.push({ database, dir: null });
			return database;
		},
		async closeAll(): Promise<void> {
			for (const { database, dir } of open.splice(0)) {
				await database.close();
				if (dir) {
					fs.rmSync(dir, { recursive: true, force: true });
				}
			}
		}
	};
}

export type AppDatabases = ReturnType<typeof appDatabaseFixture>;
