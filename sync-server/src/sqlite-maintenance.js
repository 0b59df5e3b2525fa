// @ts-check
// The document store's writer thread: owns the one write connection, so each commit, its fsync
// and each compaction's replay happen here, not on the server's event loop. Requests are
// handled in arrival order (several appends may be queued: the commit pipeline); an append is
// answered once it is durable, and answers to appends keep their order.
// Plain JavaScript: see sqlite-schema.js for why.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { openDocDatabase, readDoc } from './sqlite-schema.js';
import { WalSync } from './wal-sync.js';

/** @typedef {import('./sqlite-writer-protocol').WriterOptions} WriterOptions */
/** @typedef {import('./sqlite-writer-protocol').WriterRequest} WriterRequest */
/** @typedef {import('./sqlite-writer-protocol').WriterReply} WriterReply */
/** @typedef {import('./sqlite-writer-protocol').AppendBatch} AppendBatch */

// Log rows replayed per slice of a compaction; appends queued meanwhile run between slices.
const ROWS_PER_SLICE = 100;
// SQLite's automatic checkpoint runs inside the commit that crosses its threshold and adds the
// database file's fsync to that commit's latency. We checkpoint ourselves instead, right after
// replying, so it overlaps the next batch's gathering instead of delaying a relay.
const COMMITS_PER_CHECKPOINT = 200;

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const options = /** @type {WriterOptions} */ (workerData);
// FULL durability without holding the connection during the fsync: see wal-sync.js.
const walSync = options.synchronous === 'FULL' ? new WalSync(options.filename) : null;
const db = openDocDatabase(options.filename, walSync ? 'NORMAL' : options.synchronous);
db.pragma('wal_autocheckpoint = 0');
let commitsSinceCheckpoint = 0;
const read = readDoc(db);
const stmt = {
	insert: db.prepare('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)'),
	upsertSnapshot: db.prepare(
		`INSERT INTO doc_snapshots (doc, state, upto_id, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (doc) DO UPDATE SET state = excluded.state, upto_id = excluded.upto_id,
		 updated_at = excluded.updated_at`
	),
	deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id <= ?'),
	deleteLog: db.prepare('DELETE FROM doc_updates WHERE doc = ?'),
	deleteSnapshot: db.prepare('DELETE FROM doc_snapshots WHERE doc = ?')
};
/** @type {Set<string>} */
const compacting = new Set();
/** Documents deleted while their compaction runs: it stops at its next slice. */
/** @type {Set<string>} */
const cancelled = new Set();
// A TRUNCATE checkpoint waits busy_timeout for readers, then reports busy; a few tries, then fail.
const CHECKPOINT_TRIES = 3;

const append = db.transaction((/** @type {AppendBatch} */ batch) => {
	const now = Date.now();
	let offset = 0;
	batch.docNames.forEach((docName, i) => {
		const length = batch.lengths[i] ?? 0;
		// SQLite copies bound blobs, so a view into the batch buffer is enough.
		stmt.insert.run(docName, batch.bytes.subarray(offset, offset + length), now);
		offset += length;
	});
});

const deleteRows = db.transaction((/** @type {string} */ docName) => {
	stmt.deleteLog.run(docName);
	stmt.deleteSnapshot.run(docName);
});

/**
 * Deletes a document's rows (secure_delete zeroes them in the pages), then copies every page
 * into the main file and truncates the WAL, so no old frame still holds the content.
 * @param {string} docName
 */
async function deleteDoc(docName) {
	if (compacting.has(docName)) {
		cancelled.add(docName);
	}
	deleteRows(docName);
	for (let attempt = 1; ; attempt++) {
		const [result] = /** @type {{ busy: number }[]} */ (db.pragma('wal_checkpoint(TRUNCATE)'));
		if (!result?.busy) {
			return;
		}
		if (attempt === CHECKPOINT_TRIES) {
			throw new Error(`${docName} deleted, but the WAL could not be truncated (readers busy)`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

class CompactionRaced extends Error {}

/** Throws CompactionRaced when the document was deleted meanwhile (fewer rows): keep it so. */
const replaceLog = db.transaction(
	(
		/** @type {string} */ docName,
		/** @type {Uint8Array} */ state,
		/** @type {number} */ rows,
		/** @type {number} */ upto
	) => {
		if (stmt.deleteUpTo.run(docName, upto).changes !== rows) {
			throw new CompactionRaced();
		}
		stmt.upsertSnapshot.run(docName, state, upto, Date.now());
	}
);

/**
 * Folds the log into the snapshot. Replays into a throwaway Y.Doc so deleted content is
 * garbage-collected, in slices so appends are not held up; only rows read at the start are
 * deleted, so rows appended meanwhile stay in the log.
 * @param {string} docName
 */
async function compact(docName) {
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
			if (cancelled.has(docName)) {
				return;
			}
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
		cancelled.delete(docName);
	}
}

/** @param {WriterRequest} request */
async function handle(request) {
	switch (request.op) {
		case 'append':
			return append(request);
		case 'compact':
			return compact(request.docName);
		case 'delete':
			return deleteDoc(request.docName);
		case 'close':
			await walSync?.idle();
			walSync?.close();
			db.close();
			return;
	}
}

function checkpointSoon() {
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

/**
 * Replies, handing an append's buffer back to the main thread (see AppendBatch).
 * @param {WriterRequest} request
 * @param {{ ok: true } | { ok: false; message: string }} outcome
 */
function reply(request, outcome) {
	const returned = request.op === 'append' ? request.bytes : undefined;
	/** @type {WriterReply} */
	const message = { id: request.id, ...outcome, returned };
	port.postMessage(message, returned ? [/** @type {ArrayBuffer} */ (returned.buffer)] : []);
}

/**
 * An append is answered once durable: at once under NORMAL (or when SQLite synced in COMMIT),
 * else after the next WAL fdatasync.
 * @param {WriterRequest} request
 */
function replyWhenDurable(request) {
	if (request.op !== 'append' || !walSync) {
		return reply(request, { ok: true });
	}
	walSync.afterSync((error) =>
		reply(request, error ? { ok: false, message: `fdatasync failed: ${error}` } : { ok: true })
	);
}

port.on('message', (/** @type {WriterRequest} */ request) => {
	handle(request).then(
		() => {
			replyWhenDurable(request);
			if (request.op === 'append') {
				checkpointSoon();
			}
		},
		(error) => reply(request, { ok: false, message: String(error) })
	);
});
