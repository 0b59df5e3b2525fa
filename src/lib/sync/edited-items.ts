import * as Y from 'yjs';

/** A run of one client's clocks: inserted structs, or a deleted range. */
export type ClockRange = { client: number; clock: number; len: number };

/**
 * The things a person edited, named by where they sit under the document's top-level types:
 * a key of a top-level map (a note, a goal, a booking), a value of a top-level array (a chat
 * message) or a top-level text as a whole. Nineteen keystrokes in one note are one edited item; two messages are two.
 *
 * Reads the structs this document holds for `ranges`, so call it after they were applied.
 * Keys are stable across sessions: the same message or note gives the same key after a reload.
 */
export function editedItems(doc: Y.Doc, ranges: readonly ClockRange[]): Set<string> {
	const keys = new Set<string>();
	for (const range of ranges) {
		const structs = doc.store.clients.get(range.client);
		if (!structs || range.len <= 0) {
			continue;
		}
		const end = range.clock + range.len;
		for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
			const struct = structs[i]!;
			if (struct.id.clock >= end) {
				break;
			}
			if (struct instanceof Y.Item) {
				const from = Math.max(range.clock, struct.id.clock);
				const to = Math.min(end, struct.id.clock + struct.length);
				addKeys(struct, from, to, keys);
			}
		}
	}
	return keys;
}

function addKeys(struct: Y.Item, from: number, to: number, keys: Set<string>): void {
	// Climb to the struct that sits directly in a top-level type.
	let item = struct;
	while (item.parent instanceof Y.AbstractType && item.parent._item) {
		item = item.parent._item;
	}
	if (!(item.parent instanceof Y.AbstractType)) {
		// Collected together with a deleted parent: nothing left to name.
		return;
	}
	const root = Y.findRootTypeKey(item.parent);
	if (item.parentSub !== null) {
		keys.add(`${root}.${item.parentSub}`);
	} else if (item.parent instanceof Y.Text || item.parent instanceof Y.XmlFragment) {
		// A top-level text or fragment is one item as a whole.
		keys.add(root);
	} else if (item !== struct) {
		keys.add(`${root}#${item.id.client}:${item.id.clock}`);
	} else {
		// Values of a top-level array (or of a top-level type not yet declared in this session):
		// Yjs merges neighbouring values into one struct, so each clock (one pushed value, e.g.
		// one message) is its own item.
		for (let clock = from; clock < to; clock++) {
			keys.add(`${root}#${item.id.client}:${clock}`);
		}
	}
}
