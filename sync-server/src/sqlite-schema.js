// @ts-check
// Plain JavaScript (with JSDoc types) because the writer thread loads it too, and a worker
// thread starts without the parent's TypeScript loader: registering tsx there would cost a
// second isolate for its loader hooks (~30 MB RSS).
import Database from 'better-sqlite3';

/** @typedef {'FULL' | 'NORMAL'} SqliteSynchronous */
/** @typedef {{ id: number; data: Buffer }} LogRow */
/** @typedef {{ state: Buffer; upto_id: number }} SnapshotRow */

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

/**
 * Opens the document store with the pragmas both threads rely on; creates the tables.
 * @param {string} filename
 * @param {SqliteSynchronous} synchronous
 */
export function openDocDatabase(filename, synchronous) {
	const db = new Database(filename);
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${synchronous}`);
	db.pragma('busy_timeout = 5000');
	// Deleted rows (compacted log rows, deleted documents) are overwritten with zeros instead of
	// lingering in free pages: after a deletion and a checkpoint, the bytes are gone from the file.
	db.pragma('secure_delete = ON');
	db.exec(SCHEMA);
	return db;
}

/**
 * Snapshot plus the log after it, read in one transaction so both come from one moment.
 * @param {Database.Database} db
 * @returns {(docName: string) => { snapshot: SnapshotRow | undefined; rows: LogRow[] }}
 */
export function readDoc(db) {
	/** @type {Database.Statement<[string], SnapshotRow>} */
	const snapshot = db.prepare('SELECT state, upto_id FROM doc_snapshots WHERE doc = ?');
	/** @type {Database.Statement<[string, number], LogRow>} */
	const log = db.prepare('SELECT id, data FROM doc_updates WHERE doc = ? AND id > ? ORDER BY id');
	return db.transaction((docName) => {
		const found = snapshot.get(docName);
		return { snapshot: found, rows: log.all(docName, found?.upto_id ?? 0) };
	});
}
