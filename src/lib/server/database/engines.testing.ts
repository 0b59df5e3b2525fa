/**
 * Store tests run on both engines: `describe.each(ENGINES)` and, inside, `databasePerTest(engine)`
 * gives each test a fresh, migrated AppDatabase (SQLite in a temp dir; PostgreSQL as a new
 * database on a throwaway cluster started once per describe block).
 *
 *     describe.each(ENGINES)('FooStore on %s', (engine) => {
 *         const databases = databasePerTest(engine);
 *         it('…', async () => { const store = new FooStore(databases.current); … });
 *     });
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import {
	openPostgresAppDatabase,
	openSqliteAppDatabase,
	type AppDatabase,
	type Engine
} from './app-database';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

// initdb and a migration run slowly on a loaded machine.
const START_MS = 60_000;

export interface DatabasePerTest {
	/** This test's database. */
	readonly current: AppDatabase;
	/**
	 * One more AppDatabase on the same data (its own connection pool, or its own SQLite handle):
	 * a second server instance, for races. Closed after the test.
	 */
	another(): Promise<AppDatabase>;
}

export function databasePerTest(engine: Engine): DatabasePerTest {
	let cluster: TestPostgres | null = null;
	let location = '';
	let opened: AppDatabase[] = [];

	const open = async (): Promise<AppDatabase> => {
		const database =
			engine === 'postgres'
				? await openPostgresAppDatabase(location)
				: openSqliteAppDatabase(location);
		opened.push(database);
		return database;
	};

	if (engine === 'postgres') {
		beforeAll(async () => {
			cluster = await startPostgres();
		}, START_MS);
		afterAll(async () => {
			await cluster?.stop();
		}, START_MS);
	}
	beforeEach(async () => {
		location =
			engine === 'postgres'
				? await cluster!.createDatabase()
				: fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-store-'));
		await open();
	}, START_MS);
	afterEach(async () => {
		const closing = opened;
		opened = [];
		await Promise.all(closing.map((database) => database.close()));
		if (engine === 'sqlite') {
			fs.rmSync(location, { recursive: true, force: true });
		}
	});

	return {
		get current() {
			const first = opened[0];
			if (!first) {
				throw new Error('databasePerTest: no database outside a test');
			}
			return first;
		},
		another: open
	};
}

/** A user row (the tables of most stores reference one). */
export async function insertUser(
	database: AppDatabase,
	user: { id: string; role?: 'coach' | 'client'; createdAt?: number }
): Promise<void> {
	await database.db
		.insertInto('users')
		.values({
			id: user.id,
			email: `${user.id}@example.com`,
			name: user.id,
			role: user.role ?? 'coach',
			password_hash: 'not-a-hash',
			created_at: user.createdAt ?? Date.now()
		})
		.execute();
}
