// @ts-check
// Moves the entries of one root map of an imported document into another, as one extra update.
// The import uses it to turn a `sub:` document's bookings into history: they were booked on the
// server the export came from, this server has no record of them, and left in place they would
// show as live sessions whose Cancel answers "No such booking". The map names come from the
// document's schema module (src/lib/docs/subscription-bookings.ts); this file knows no schema.
// Plain JavaScript: it runs in the import worker thread.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * A client id derived from the imported state: importing the same file again writes the very
 * same items (a no-op), and a different file never reuses the id for different content.
 * @param {Uint8Array} update
 */
function clientIdFor(update) {
	return createHash('sha256').update(update).digest().readUInt32BE(0);
}

/**
 * The update that moves every plain entry of root map `from` into root map `to` (same keys),
 * or null when `from` has none. Shared-type values stay where they are: they cannot be moved.
 *
 *     const extra = moveRootMapEntries(state, 'bookings', 'importedBookings');
 *
 * @param {Uint8Array} update
 * @param {string} from
 * @param {string} to
 * @returns {Uint8Array | null}
 */
export function moveRootMapEntries(update, from, to) {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, update);
		const source = doc.getMap(from);
		const entries = [...source.entries()].filter(([, value]) => !(value instanceof Y.AbstractType));
		if (entries.length === 0) {
			return null;
		}
		let client = clientIdFor(update);
		while (doc.store.clients.has(client)) {
			client = (client + 1) >>> 0;
		}
		doc.clientID = client;
		const before = Y.encodeStateVector(doc);
		const target = doc.getMap(to);
		doc.transact(() => {
			for (const [key, value] of entries) {
				target.set(key, value);
				source.delete(key);
			}
		});
		return Y.encodeStateAsUpdate(doc, before);
	} finally {
		doc.destroy();
	}
}
