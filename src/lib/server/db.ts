import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the server's SQLite database in WAL mode and brings its schema
 * up to date. WAL lets readers run while a writer appends, and with synchronous=NORMAL a
 * committed transaction survives a process kill (only an OS crash can lose the last ones).
 */
export function openDatabase(dataDir: string, fileName = 'tandem.sqlite'): Db {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, fileName));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten with zeros, not just unlinked: an account deletion must not
	// leave the person's bytes in free pages (docs/own-your-data.md).
	db.pragma('secure_delete = ON');
	migrate(db);
	return db;
}

/** Applies numbered migrations above the stored user_version, each in its own transaction. */
export function migrate(db: Db): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	for (const [index, sql] of migrations.entries()) {
		const version = index + 1;
		if (version <= current) {
			continue;
		}
		db.transaction(() => {
			db.exec(sql);
			db.pragma(`user_version = ${version}`);
		})();
	}
}
