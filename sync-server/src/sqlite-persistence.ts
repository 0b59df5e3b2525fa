import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import type { AppendEntry, DocPersistence, StoredDoc } from './persistence';

export interface SqlitePersistenceOptions {
	/** The file is created if missing; its folder too. Use ':memory:' only in tests. */
	filename: string;
	/**
	 * FULL fsyncs the WAL on every commit, so an update is on disk before any client sees it,
	 * even across power loss. NORMAL survives a killed process (the WAL is in the OS page cache)
	 * but not a power cut. Group commit makes FULL cheap enough (see README), hence the default.
	 */
	synchronous?: 'FULL' | 'NORMAL';
}

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

interface LogRow {
	id: number;
	data: Buffer;
}

/**
 * The embedded store: an append-only update log per document plus one compacted snapshot, in
 * its own database file so it never touches the app's tables.
 */
export class SqlitePersistence implements DocPersistence {
	readonly #db: Database.Database;
	readonly #compacting = new Set<string>();
	readonly #stmt;

	constructor(options: SqlitePersistenceOptions) {
		if (options.filename !== ':memory:') {
			fs.mkdirSync(path.dirname(options.filename), { recursive: true });
		}
		this.#db = new Database(options.filename);
		this.#db.pragma('journal_mode = WAL');
		this.#db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
		this.#db.pragma('busy_timeout = 5000');
		this.#db.exec(SCHEMA);
		this.#stmt = {
			snapshot: this.#db.prepare<[string], { state: Buffer; upto_id: number }>(
				'SELECT state, upto_id FROM doc_snapshots WHERE doc = ?'
			),
			log: this.#db.prepare<[string, number], LogRow>(
				'SELECT id, data FROM doc_updates WHERE doc = ? AND id > ? ORDER BY id'
			),
			insert: this.#db.prepare<[string, Uint8Array, number]>(
				'INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)'
			),
			upsertSnapshot: this.#db.prepare<[string, Uint8Array, number, number]>(
				`INSERT INTO doc_snapshots (doc, state, upto_id, updated_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (doc) DO UPDATE SET state = excluded.state, upto_id = excluded.upto_id,
				 updated_at = excluded.updated_at`
			),
			deleteUpTo: this.#db.prepare<[string, number]>(
				'DELETE FROM doc_updates WHERE doc = ? AND id <= ?'
			),
			deleteLog: this.#db.prepare<[string]>('DELETE FROM doc_updates WHERE doc = ?'),
			deleteSnapshot: this.#db.prepare<[string]>('DELETE FROM doc_snapshots WHERE doc = ?')
		};
	}

	async load(docName: string): Promise<StoredDoc> {
		const { snapshot, rows } = this.#read(docName);
		const updates = rows.map((row) => new Uint8Array(row.data));
		return {
			updates: snapshot ? [new Uint8Array(snapshot.state), ...updates] : updates,
			logRows: rows.length,
			logBytes: rows.reduce((sum, row) => sum + row.data.byteLength, 0)
		};
	}

	async append(entries: readonly AppendEntry[]): Promise<void> {
		const now = Date.now();
		this.#db.transaction(() => {
			for (const entry of entries) {
				this.#stmt.insert.run(entry.docName, entry.update, now);
			}
		})();
	}

	async compact(docName: string): Promise<void> {
		if (this.#compacting.has(docName)) {
			return;
		}
		this.#compacting.add(docName);
		try {
			const { snapshot, rows } = this.#read(docName);
			const last = rows.at(-1);
			if (!last) {
				return;
			}
			// Let queued appends run: they land above `last.id` and stay in the log untouched.
			await new Promise((resolve) => setImmediate(resolve));
			const state = mergeToState([snapshot?.state, ...rows.map((row) => row.data)]);
			this.#db.transaction(() => {
				const deleted = this.#stmt.deleteUpTo.run(docName, last.id).changes;
				// Fewer rows than we read means the document was deleted meanwhile: keep it deleted.
				if (deleted !== rows.length) {
					throw new CompactionRaced(docName);
				}
				this.#stmt.upsertSnapshot.run(docName, state, last.id, Date.now());
			})();
		} catch (error) {
			if (!(error instanceof CompactionRaced)) {
				throw error;
			}
		} finally {
			this.#compacting.delete(docName);
		}
	}

	async deleteDoc(docName: string): Promise<void> {
		this.#db.transaction(() => {
			this.#stmt.deleteLog.run(docName);
			this.#stmt.deleteSnapshot.run(docName);
		})();
	}

	async close(): Promise<void> {
		if (this.#db.open) {
			this.#db.close();
		}
	}

	#read(docName: string) {
		return this.#db.transaction(() => {
			const snapshot = this.#stmt.snapshot.get(docName);
			const rows = this.#stmt.log.all(docName, snapshot?.upto_id ?? 0);
			return { snapshot, rows };
		})();
	}
}

class CompactionRaced extends Error {
	constructor(docName: string) {
		super(`compaction of ${docName} raced with a delete`);
	}
}

/** Replays into a throwaway doc so deleted content is garbage-collected, not just concatenated. */
function mergeToState(parts: (Uint8Array | undefined)[]): Uint8Array {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const part of parts) {
			if (part) {
				Y.applyUpdate(doc, part);
			}
		}
	});
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}
