// The document store's writer thread: owns the one write connection, so each commit's fsync
// (synchronous=FULL) and each compaction's replay happen here, not on the server's event loop.
// Requests are handled in arrival order; SqlitePersistence keeps at most one append in flight.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { openDocDatabase, readDoc } from './sqlite-schema';
import type { WriterOptions, WriterReply, WriterRequest } from './sqlite-writer-protocol';

// Log rows replayed per slice of a compaction; appends queued meanwhile run between slices.
const ROWS_PER_SLICE = 100;
// SQLite's automatic checkpoint runs inside the commit that crosses its threshold and adds the
// database file's fsync to that commit's latency. We checkpoint ourselves instead, right after
// replying, so it overlaps the next batch's gathering instead of delaying a relay.
const COMMITS_PER_CHECKPOINT = 200;

const port = parentPort!;
const options = workerData as WriterOptions;
const db = openDocDatabase(options.filename, options.synchronous);
db.pragma('wal_autocheckpoint = 0');
let commitsSinceCheckpoint = 0;
const read = readDoc(db);
const stmt = {
	insert: db.prepare<[string, Uint8Array, number]>(
		'INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)'
	),
	upsertSnapshot: db.prepare<[string, Uint8Array, number, number]>(
		`INSERT INTO doc_snapshots (doc, state, upto_id, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (doc) DO UPDATE SET state = excluded.state, upto_id = excluded.upto_id,
		 updated_at = excluded.updated_at`
	),
	deleteUpTo: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND id <= ?'),
	deleteLog: db.prepare<[string]>('DELETE FROM doc_updates WHERE doc = ?'),
	deleteSnapshot: db.prepare<[string]>('DELETE FROM doc_snapshots WHERE doc = ?')
};
const compacting = new Set<string>();

const append = db.transaction((entries: { docName: string; update: Uint8Array }[]) => {
	const now = Date.now();
	for (const entry of entries) {
		stmt.insert.run(entry.docName, entry.update, now);
	}
});

const deleteDoc = db.transaction((docName: string) => {
	stmt.deleteLog.run(docName);
	stmt.deleteSnapshot.run(docName);
});

/** Returns false when the document was deleted meanwhile (fewer rows than read): keep it so. */
const replaceLog = db.transaction(
	(docName: string, state: Uint8Array, rows: number, upto: number) => {
		if (stmt.deleteUpTo.run(docName, upto).changes !== rows) {
			throw new CompactionRaced();
		}
		stmt.upsertSnapshot.run(docName, state, upto, Date.now());
	}
);

class CompactionRaced extends Error {}

/**
 * Folds the log into the snapshot. Replays into a throwaway Y.Doc so deleted content is
 * garbage-collected, in slices so appends are not held up; only rows read at the start are
 * deleted, so rows appended meanwhile stay in the log.
 */
async function compact(docName: string): Promise<void> {
	if (compacting.has(docName)) {
		return;
	}
	compacting.add(docName);
	const doc = new Y.Doc();
	try {
		const { snapshot, rows } = read(docName);
		const last = rows.at(-1);
		if (!last) {
			return;
		}
		if (snapshot) {
			Y.applyUpdate(doc, snapshot.state);
		}
		for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
			await new Promise((resolve) => setImmediate(resolve));
			doc.transact(() =>
				rows.slice(i, i + ROWS_PER_SLICE).forEach((row) => Y.applyUpdate(doc, row.data))
			);
		}
		replaceLog(docName, Y.encodeStateAsUpdate(doc), rows.length, last.id);
	} catch (error) {
		if (!(error instanceof CompactionRaced)) {
			throw error;
		}
	} finally {
		doc.destroy();
		compacting.delete(docName);
	}
}

async function handle(request: WriterRequest): Promise<void> {
	switch (request.op) {
		case 'append':
			return append(request.entries);
		case 'compact':
			return compact(request.docName);
		case 'delete':
			return deleteDoc(request.docName);
		case 'close':
			db.close();
			return;
	}
}

function checkpointSoon(): void {
	commitsSinceCheckpoint += 1;
	if (commitsSinceCheckpoint === COMMITS_PER_CHECKPOINT) {
		setImmediate(() => {
			commitsSinceCheckpoint = 0;
			if (db.open) {
				// PASSIVE never waits for readers; what it cannot copy now, a later one will.
				db.pragma('wal_checkpoint(PASSIVE)');
			}
		});
	}
}

port.on('message', (request: WriterRequest) => {
	handle(request).then(
		() => {
			port.postMessage({ id: request.id, ok: true } satisfies WriterReply);
			if (request.op === 'append') {
				checkpointSoon();
			}
		},
		(error: unknown) =>
			port.postMessage({ id: request.id, ok: false, message: String(error) } satisfies WriterReply)
	);
});
