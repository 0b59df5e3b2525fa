// @ts-check
// The document store's maintenance thread: the work that may take long and must not stall the
// event loop that relays edits. It replays a document's log into a snapshot (the main thread
// then swaps log for snapshot in one short transaction), checkpoints the WAL into the database
// file (with its fsync), and truncates the WAL after a deletion. Appends never come here: they
// are short and run on the main thread (see sqlite-persistence.ts).
// Plain JavaScript: see sqlite-schema.js for why.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { openDocDatabase, readDoc } from './sqlite-schema.js';

/** @typedef {import('./sqlite-maintenance-protocol').MaintenanceOptions} MaintenanceOptions */
/** @typedef {import('./sqlite-maintenance-protocol').MaintenanceRequest} MaintenanceRequest */
/** @typedef {import('./sqlite-maintenance-protocol').MaintenanceReply} MaintenanceReply */
/** @typedef {import('./sqlite-maintenance-protocol').FoldedLog} FoldedLog */

// Log rows replayed per slice of a fold; a checkpoint or deletion queued meanwhile runs between.
const ROWS_PER_SLICE = 100;
// A TRUNCATE checkpoint waits busy_timeout for readers, then reports busy; a few tries, then fail.
const CHECKPOINT_TRIES = 3;

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const options = /** @type {MaintenanceOptions} */ (workerData);
// This connection only reads and checkpoints: its own commits need no fsync.
const db = openDocDatabase(options.filename, 'NORMAL');
db.pragma('wal_autocheckpoint = 0');
const read = readDoc(db);
/** @type {Set<string>} */
const folding = new Set();
/** Documents deleted while their fold runs: it stops at its next slice. */
/** @type {Set<string>} */
const forgotten = new Set();

/**
 * Replays the log into a throwaway Y.Doc, so deleted content is garbage-collected, in slices.
 * Only rows read at the start are folded; the main thread deletes exactly those.
 * @param {string} docName
 * @returns {Promise<FoldedLog | null>}
 */
async function fold(docName) {
	if (folding.has(docName)) {
		return null;
	}
	folding.add(docName);
	const doc = new Y.Doc();
	try {
		const { snapshot, rows } = read(docName);
		const last = rows.at(-1);
		if (!last) {
			return null;
		}
		if (snapshot) {
			Y.applyUpdate(doc, snapshot.state);
		}
		for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
			await new Promise((resolve) => setImmediate(resolve));
			if (forgotten.has(docName)) {
				return null;
			}
			doc.transact(() =>
				rows.slice(i, i + ROWS_PER_SLICE).forEach((row) => Y.applyUpdate(doc, row.data))
			);
		}
		return { state: Y.encodeStateAsUpdate(doc), rows: rows.length, upto: last.id };
	} finally {
		doc.destroy();
		folding.delete(docName);
		forgotten.delete(docName);
	}
}

/**
 * After the main thread deleted a document's rows (secure_delete zeroes them in the pages):
 * copies every page into the main file and truncates the WAL, so no old frame still holds
 * the content.
 * @param {string} docName
 */
async function forget(docName) {
	if (folding.has(docName)) {
		forgotten.add(docName);
	}
	for (let attempt = 1; ; attempt++) {
		const [result] = /** @type {{ busy: number }[]} */ (db.pragma('wal_checkpoint(TRUNCATE)'));
		if (!result?.busy) {
			return;
		}
		if (attempt === CHECKPOINT_TRIES) {
			throw new Error(`${docName} deleted, but the WAL could not be truncated (busy)`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * @param {MaintenanceRequest} request
 * @returns {Promise<FoldedLog | null | undefined>}
 */
async function handle(request) {
	switch (request.op) {
		case 'fold':
			return fold(request.docName);
		case 'checkpoint':
			// PASSIVE never waits for the writer; what it cannot copy now, a later one will.
			db.pragma('wal_checkpoint(PASSIVE)');
			return undefined;
		case 'forget':
			await forget(request.docName);
			return undefined;
		case 'close':
			db.close();
			return undefined;
	}
}

port.on('message', (/** @type {MaintenanceRequest} */ request) => {
	handle(request).then(
		(folded) => {
			/** @type {MaintenanceReply} */
			const reply = { id: request.id, ok: true, folded: folded ?? null };
			port.postMessage(reply, folded ? [/** @type {ArrayBuffer} */ (folded.state.buffer)] : []);
		},
		(error) => port.postMessage({ id: request.id, ok: false, message: String(error) })
	);
});
