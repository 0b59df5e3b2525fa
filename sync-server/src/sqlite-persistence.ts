import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MaintenanceThread } from './maintenance-thread';
import type { AppendEntry, DocPersistence, StoredDoc } from './persistence';
import { openDocDatabase, readDoc, type SqliteSynchronous } from './sqlite-schema.js';
import { WalSync } from './wal-sync.js';

export interface SqlitePersistenceOptions {
	/** The file is created if missing; its folder too. A real file: two threads open it. */
	filename: string;
	/**
	 * FULL: an append resolves only after the WAL holding it was fsynced, so an update is on
	 * disk before any client sees it, even across power loss (an fdatasync on libuv's thread
	 * pool, overlapped with the next commits: see wal-sync.js). NORMAL: resolves once the commit
	 * is in the WAL; survives a killed process (the OS page cache has it) but not a power cut.
	 */
	synchronous?: SqliteSynchronous;
}

// SQLite's automatic checkpoint would run inside the commit that crosses its threshold and
// add the database file's fsync to it; the maintenance thread checkpoints instead, every so
// many appends, overlapping the next commits.
const APPENDS_PER_CHECKPOINT = 200;

/**
 * The embedded store: an append-only update log per document plus one compacted snapshot, in
 * its own database file so it never touches the app's tables.
 *
 * Appends commit on the calling thread: with the WAL and synchronous=NORMAL a commit only
 * writes a few pages into the OS page cache (tens of µs), cheaper than handing the batch to
 * another thread and waiting for its answer. What can take long runs on the maintenance thread
 * (sqlite-maintenance.js): folding a log into a snapshot, checkpoints, WAL truncation; and the
 * fsync that FULL asks for runs on libuv's thread pool (WalSync).
 */
export class SqlitePersistence implements DocPersistence {
	readonly #db: Database.Database;
	readonly #read: ReturnType<typeof readDoc>;
	readonly #thread: MaintenanceThread;
	readonly #walSync: WalSync | null;
	readonly #statements: ReturnType<typeof writeStatements>;
	#appendsSinceCheckpoint = 0;
	#closed = false;

	constructor(options: SqlitePersistenceOptions) {
		fs.mkdirSync(path.dirname(options.filename), { recursive: true });
		const synchronous = options.synchronous ?? 'FULL';
		// Commits never fsync inside SQLite; FULL's guarantee comes from WalSync (see there).
		this.#db = openDocDatabase(options.filename, 'NORMAL');
		this.#db.pragma('wal_autocheckpoint = 0');
		this.#read = readDoc(this.#db);
		this.#statements = writeStatements(this.#db);
		this.#walSync = synchronous === 'FULL' ? new WalSync(options.filename) : null;
		// Opened after the tables exist.
		this.#thread = new MaintenanceThread({ filename: options.filename });
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

	append(entries: readonly AppendEntry[]): Promise<void> {
		if (this.#closed) {
			return Promise.reject(new Error('the document store is closed'));
		}
		try {
			this.#statements.append(entries);
		} catch (error) {
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
		this.#checkpointSoon();
		const walSync = this.#walSync;
		if (!walSync) {
			return Promise.resolve();
		}
		return new Promise((resolve, reject) =>
			walSync.afterSync((error) =>
				error ? reject(new Error(`fdatasync failed: ${error.message}`)) : resolve()
			)
		);
	}

	async compact(docName: string): Promise<void> {
		const folded = await this.#thread.request({ op: 'fold', docName });
		if (folded && !this.#closed) {
			// False when the document was deleted meanwhile: then it stays deleted.
			this.#statements.replaceLog(docName, folded.state, folded.rows, folded.upto);
		}
	}

	async deleteDoc(docName: string): Promise<void> {
		if (this.#closed) {
			throw new Error('the document store is closed');
		}
		// Here, in order with the appends: a write issued after this starts the document afresh.
		this.#statements.deleteRows(docName);
		await this.#thread.request({ op: 'forget', docName });
	}

	async close(): Promise<void> {
		if (this.#closed) {
			return;
		}
		this.#closed = true;
		await this.#walSync?.idle();
		this.#walSync?.close();
		await this.#thread.close().catch(() => {});
		this.#db.close();
	}

	#checkpointSoon(): void {
		this.#appendsSinceCheckpoint += 1;
		if (this.#appendsSinceCheckpoint >= APPENDS_PER_CHECKPOINT) {
			this.#appendsSinceCheckpoint = 0;
			// A failed checkpoint loses nothing (the WAL keeps the frames); the next one retries.
			this.#thread.request({ op: 'checkpoint' }).catch(() => {});
		}
	}
}

function writeStatements(db: Database.Database) {
	const insert = db.prepare('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)');
	const upsertSnapshot = db.prepare(
		`INSERT INTO doc_snapshots (doc, state, upto_id, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (doc) DO UPDATE SET state = excluded.state, upto_id = excluded.upto_id,
		 updated_at = excluded.updated_at`
	);
	const deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id <= ?');
	const deleteLog = db.prepare('DELETE FROM doc_updates WHERE doc = ?');
	const deleteSnapshot = db.prepare('DELETE FROM doc_snapshots WHERE doc = ?');
	const swap = db.transaction((docName: string, state: Uint8Array, rows: number, upto: number) => {
		if (deleteUpTo.run(docName, upto).changes !== rows) {
			throw new FoldRaced();
		}
		upsertSnapshot.run(docName, state, upto, Date.now());
	});
	return {
		append: db.transaction((entries: readonly AppendEntry[]) => {
			const now = Date.now();
			entries.forEach((entry) => insert.run(entry.docName, entry.update, now));
		}),
		/** Swaps the folded rows for the snapshot; false (and no change) if they are gone. */
		replaceLog(docName: string, state: Uint8Array, rows: number, upto: number): boolean {
			try {
				swap(docName, state, rows, upto);
				return true;
			} catch (error) {
				if (error instanceof FoldRaced) {
					return false;
				}
				throw error;
			}
		},
		deleteRows: db.transaction((docName: string) => {
			deleteLog.run(docName);
			deleteSnapshot.run(docName);
		})
	};
}

/** Thrown inside the swap to roll it back when the document's rows changed under the fold. */
class FoldRaced extends Error {}
