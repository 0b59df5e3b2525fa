import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	openPostgresAppDatabase,
	openSqliteAppDatabase,
	type AppDatabase
} from '../../src/lib/server/database/app-database';
import { postgresMigrations } from '../../src/lib/server/database/postgres-migrations';
import { migrations } from '../../src/lib/server/migrations';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

interface Column {
	table: string;
	column: string;
	kind: 'integer' | 'text' | 'blob';
	nullable: boolean;
}

const sqliteKind = { INTEGER: 'integer', TEXT: 'text', BLOB: 'blob' } as const;
const postgresKind = { bigint: 'integer', text: 'text', bytea: 'blob' } as const;

async function sqliteColumns(app: AppDatabase): Promise<Column[]> {
	const handle = app.sqlite!;
	const tables = handle
		.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		.all() as { name: string }[];
	return tables.flatMap(({ name }) =>
		(
			handle.prepare(`PRAGMA table_info(${name})`).all() as {
				name: string;
				type: keyof typeof sqliteKind;
				notnull: number;
				pk: number;
			}[]
		).map((c) => ({
			table: name,
			column: c.name,
			kind: sqliteKind[c.type],
			nullable: c.notnull === 0 && c.pk === 0
		}))
	);
}

async function postgresColumns(app: AppDatabase): Promise<Column[]> {
	const { rows } = await sql<{
		table_name: string;
		column_name: string;
		data_type: keyof typeof postgresKind;
		is_nullable: 'YES' | 'NO';
	}>`SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
	   WHERE table_schema = 'public' AND table_name <> 'tandem_schema'`.execute(app.db);
	return rows.map((r) => ({
		table: r.table_name,
		column: r.column_name,
		kind: postgresKind[r.data_type],
		nullable: r.is_nullable === 'YES'
	}));
}

const sorted = (columns: Column[]) =>
	[...columns].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));

describe('the two database engines', () => {
	let server: TestPostgres;
	let postgres: AppDatabase;
	let sqlite: AppDatabase;

	beforeAll(async () => {
		server = await startPostgres();
		postgres = await openPostgresAppDatabase(await server.createDatabase());
		sqlite = openSqliteAppDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-engines-')));
	});

	afterAll(async () => {
		await postgres?.close();
		await sqlite?.close();
		await server?.stop();
	});

	it('end their migrations at the same version', () => {
		expect(postgresMigrations.at(-1)?.version).toBe(migrations.length);
	});

	it('have the same tables, columns, kinds and nullability', async () => {
		expect(sorted(await postgresColumns(postgres))).toEqual(sorted(await sqliteColumns(sqlite)));
	});

	it('return the same row shapes: numbers for integers, Buffers for blobs', async () => {
		for (const app of [sqlite, postgres]) {
			const createdAt = 1_796_000_000_123;
			await app.db
				.insertInto('users')
				.values({
					id: 'u1',
					email: 'a@example.com',
					name: 'A',
					role: 'coach',
					password_hash: 'x',
					created_at: createdAt
				})
				.execute();
			await app.db
				.insertInto('sessions')
				.values({
					id: 's1',
					user_id: 'u1',
					secret_hash: Buffer.from([1, 2, 3]),
					created_at: createdAt,
					last_verified_at: createdAt
				})
				.execute();
			const row = await app.db
				.selectFrom('sessions')
				.select(['secret_hash', 'created_at', 'last_used_at'])
				.where('id', '=', 's1')
				.executeTakeFirstOrThrow();
			expect(row.created_at).toBe(createdAt);
			expect(row.last_used_at).toBe(0);
			expect(Buffer.from(row.secret_hash)).toEqual(Buffer.from([1, 2, 3]));
			const { count } = await app.db
				.selectFrom('users')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.executeTakeFirstOrThrow();
			expect(Number(count)).toBe(1);
		}
	});

	it('migrate once when several instances start together', async () => {
		const url = await server.createDatabase();
		const instances = await Promise.all([1, 2, 3].map(() => openPostgresAppDatabase(url)));
		const { rows } = await sql<{ version: number }>`SELECT version FROM tandem_schema`.execute(
			instances[0]!.db
		);
		expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((m) => m.version));
		await Promise.all(instances.map((i) => i.close()));
	});
});
