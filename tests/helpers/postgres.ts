/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening only
 * on a Unix socket inside that folder (so parallel test files never collide on a port), fsync off
 * (the data is thrown away). Uses Debian's packaged binaries (`apt-get install postgresql`;
 * `.ci/run` installs them). As root, PostgreSQL refuses to run, so it runs as the `postgres` user.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
	/** A connection string for a database of its own (see `createDatabase`). */
	readonly url: string;
	/** A new empty database on this server; returns its connection string. */
	createDatabase(name?: string): Promise<string>;
	stop(): Promise<void>;
}

function binDir(): string {
	const fromEnv = process.env.TANDEM_PG_BIN;
	if (fromEnv) {
		return fromEnv;
	}
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error(
			'PostgreSQL tests need the PostgreSQL server binaries: apt-get install postgresql (or set TANDEM_PG_BIN).'
		);
	}
	return path.join(root, versions[0] as string, 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
	const [command, commandArgs] = asRoot
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
	const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
	}
}

const connectionString = (dir: string, database: string) =>
	`postgresql://tandem@/${database}?host=${encodeURIComponent(dir)}&port=5432`;

export async function startPostgres(): Promise<TestPostgres> {
	const bin = binDir();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-pg-'));
	const data = path.join(dir, 'data');
	if (asRoot) {
		execFileSync('chown', ['postgres', dir]);
	}
	run(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'tandem',
		'-A',
		'trust',
		'--no-sync',
		'-E',
		'UTF8'
	]);
	run(path.join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'server.log'),
		'-w',
		'-t',
		'60',
		'-o',
		`-p 5432 -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
		'start'
	]);
	let counter = 0;
	return {
		url: connectionString(dir, 'postgres'),
		async createDatabase(name = `test_${process.pid}_${++counter}`) {
			const admin = new pg.Client({ connectionString: connectionString(dir, 'postgres') });
			await admin.connect();
			try {
				await admin.query(`CREATE DATABASE "${name}"`);
			} finally {
				await admin.end();
			}
			return connectionString(dir, name);
		},
		async stop() {
			run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
