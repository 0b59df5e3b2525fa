import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

// AUTOINCREMENT matters: without it SQLite may reuse the id of a deleted max row, and a new
// update could get an id at or below a snapshot's upto_id and be skipped on load.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	doc TEXT NOT NULL,
	data BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc_id ON doc_updates (doc, id);
CREATE TABLE IF NOT EXISTS doc_snapshots (
	doc TEXT PRIMARY KEY,
	state BLOB NOT NULL,
	upto_id INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
`;

export interface LogRow {
	id: number;
	data: Buffer;
}

export interface SnapshotRow {
	state: Buffer;
	upto_id: number;
}

/** Opens the document store with the pragmas both threads rely on; creates the tables. */
export function openDocDatabase(filename: string, synchronous: SqliteSynchronous) {
	const db = new Database(filename);
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${synchronous}`);
	db.pragma('busy_timeout = 5000');
	db.exec(SCHEMA);
	return db;
}

/** Snapshot plus the log after it, read in one transaction so both come from one moment. */
export function readDoc(db: Database.Database) {
	const snapshot = db.prepare<[string], SnapshotRow>(
		'SELECT state, upto_id FROM doc_snapshots WHERE doc = ?'
	);
	const log = db.prepare<[string, number], LogRow>(
		'SELECT id, data FROM doc_updates WHERE doc = ? AND id > ? ORDER BY id'
	);
	return db.transaction((docName: string) => {
		const found = snapshot.get(docName);
		return { snapshot: found, rows: log.all(docName, found?.upto_id ?? 0) };
	});
}
