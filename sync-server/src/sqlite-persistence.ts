import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { AppendEntry, DocPersistence, StoredDoc } from './persistence';
import { openDocDatabase, readDoc, type SqliteSynchronous } from './sqlite-schema.js';
import { WriterThread } from './writer-thread';

export interface SqlitePersistenceOptions {
	/** The file is created if missing; its folder too. A real file: two threads open it. */
	filename: string;
	/**
	 * FULL: an append resolves only after the WAL holding it was fsynced, so an update is on
	 * disk before any client sees it, even across power loss (the writer does the fdatasync
	 * itself, overlapped with the next commits: see wal-sync.js). NORMAL: no fsync per commit;
	 * survives a killed process (the WAL is in the OS page cache) but not a power cut. Group
	 * commit and pipelining make FULL cheap enough (see README), hence the default.
	 */
	synchronous?: SqliteSynchronous;
}

/**
 * The embedded store: an append-only update log per document plus one compacted snapshot, in
 * its own database file so it never touches the app's tables.
 *
 * Writes (appends with their fsync, compaction, deletion) run on a writer thread
 * (sqlite-writer.js) so a slow disk never stalls the event loop that relays other documents;
 * loads read on the calling thread through their own connection (WAL lets readers and the
 * writer proceed at once, and a commit the writer reported is visible to the next read).
 */
export class SqlitePersistence implements DocPersistence {
	readonly #db: Database.Database;
	readonly #read: ReturnType<typeof readDoc>;
	readonly #writer: WriterThread;

	constructor(options: SqlitePersistenceOptions) {
		fs.mkdirSync(path.dirname(options.filename), { recursive: true });
		const synchronous = options.synchronous ?? 'FULL';
		// Opened first: creates the file and tables before the writer thread starts.
		this.#db = openDocDatabase(options.filename, synchronous);
		this.#read = readDoc(this.#db);
		this.#writer = new WriterThread({ filename: options.filename, synchronous });
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
		const lengths = entries.map((entry) => entry.update.byteLength);
		const bytes = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
		let offset = 0;
		for (const entry of entries) {
			bytes.set(entry.update, offset);
			offset += entry.update.byteLength;
		}
		const docNames = entries.map((entry) => entry.docName);
		return this.#writer.request({ op: 'append', docNames, lengths, bytes }, [bytes.buffer]);
	}

	compact(docName: string): Promise<void> {
		return this.#writer.request({ op: 'compact', docName });
	}

	deleteDoc(docName: string): Promise<void> {
		return this.#writer.request({ op: 'delete', docName });
	}

	async close(): Promise<void> {
		await this.#writer.close();
		if (this.#db.open) {
			this.#db.close();
		}
	}
}
