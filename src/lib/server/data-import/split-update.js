// @ts-check
// Splits one Yjs update into several small ones that, applied in order, give the same document.
// Why: an imported document is applied on the main thread (the sync server owns the live
// document), and one 3 MB update of single-character edits takes about a second to integrate,
// stalling every socket. In slices of a few thousand structs each apply stays in milliseconds.
// Plain JavaScript: it runs in the import worker thread, which starts without the TypeScript
// loader (see sync-server/src/sqlite-schema.js for why).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** @typedef {import('yjs').Item | import('yjs').GC} Struct */

/**
 * The IDs a struct needs integrated before it: its left and right origins and, for an item that
 * names its parent directly, the item holding that parent. (The previous struct of the same
 * client is implied by emitting each client's structs in clock order.)
 * @param {Struct} struct
 * @returns {import('yjs').ID[]}
 */
function dependencies(struct) {
	if (!(struct instanceof Y.Item)) {
		return [];
	}
	const ids = [];
	if (struct.origin) {
		ids.push(struct.origin);
	}
	if (struct.rightOrigin) {
		ids.push(struct.rightOrigin);
	}
	const parent = struct.parent;
	if (parent instanceof Y.AbstractType && parent._item) {
		ids.push(parent._item.id);
	} else if (parent instanceof Y.ID) {
		ids.push(parent);
	}
	return ids;
}

/**
 * Every struct of `store` in an order where each comes after what it depends on (a depth-first
 * walk with an explicit stack, since a long chain of edits would overflow recursion).
 * @param {Map<number, Struct[]>} clients
 * @returns {Struct[]}
 */
function causalOrder(clients) {
	/** @type {Map<number, number>} index of the next struct to emit, per client */
	const next = new Map([...clients.keys()].map((client) => [client, 0]));
	/** @param {number} client @param {number} clock */
	const isEmitted = (client, clock) => {
		const structs = clients.get(client);
		const index = next.get(client) ?? 0;
		return (
			!structs || index >= structs.length || /** @type {Struct} */ (structs[index]).id.clock > clock
		);
	};
	/** @type {Struct[]} */
	const out = [];
	const total = [...clients.values()].reduce((sum, structs) => sum + structs.length, 0);
	// Each step either emits a struct or pushes a goal that leads to one; a malformed store
	// (a dependency cycle) would loop, so it is bounded.
	let budget = total * 8 + 16;
	for (const [client, structs] of clients) {
		const last = structs.at(-1);
		/** @type {[number, number][]} */
		const goals = last ? [[client, last.id.clock]] : [];
		while (goals.length > 0) {
			if (--budget < 0) {
				throw new Error('The document has a dependency cycle.');
			}
			const [goalClient, goalClock] = /** @type {[number, number]} */ (goals.at(-1));
			if (isEmitted(goalClient, goalClock)) {
				goals.pop();
				continue;
			}
			const index = next.get(goalClient) ?? 0;
			const struct = /** @type {Struct} */ (clients.get(goalClient)?.[index]);
			const missing = dependencies(struct).find((id) => !isEmitted(id.client, id.clock));
			if (missing) {
				goals.push([missing.client, missing.clock]);
				continue;
			}
			out.push(struct);
			next.set(goalClient, index + 1);
		}
	}
	return out;
}

/**
 * One update holding `structs` (per client a run of consecutive structs) and no deletions.
 * @param {Struct[]} structs
 */
function encodeSlice(structs) {
	/** @type {Map<number, Struct[]>} */
	const byClient = new Map();
	for (const struct of structs) {
		const list = byClient.get(struct.id.client) ?? [];
		list.push(struct);
		byClient.set(struct.id.client, list);
	}
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, byClient.size);
	// Higher client ids first, as Yjs writes them.
	for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
		encoding.writeVarUint(encoder.restEncoder, list.length);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, /** @type {Struct} */ (list[0]).id.clock);
		for (const struct of list) {
			struct.write(encoder, 0);
		}
	}
	encoding.writeVarUint(encoder.restEncoder, 0);
	return encoder.toUint8Array();
}

// A struct's weight: one, plus one per 256 units of content (a long string costs more to copy).
/** @param {Struct} struct */
const weightOf = (struct) => 1 + (struct.length >>> 8);

/**
 * Checks that `update` is a Yjs update (throws if not) and cuts it into slices of at most about
 * `maxWeight` structs, in causal order, the last slice carrying the delete set and anything the
 * update could not integrate on its own.
 *
 *     for (const slice of splitUpdate(state, 2000)) Y.applyUpdate(doc, slice);
 *
 * @param {Uint8Array} update
 * @param {number} maxWeight
 * @returns {Uint8Array[]}
 */
export function splitUpdate(update, maxWeight) {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, update);
		const clients = /** @type {Map<number, Struct[]>} */ (doc.store.clients);
		/** @type {Uint8Array[]} */
		const slices = [];
		/** @type {Struct[]} */
		let slice = [];
		let weight = 0;
		for (const struct of causalOrder(clients)) {
			slice.push(struct);
			weight += weightOf(struct);
			if (weight >= maxWeight) {
				slices.push(encodeSlice(slice));
				slice = [];
				weight = 0;
			}
		}
		if (slice.length > 0) {
			slices.push(encodeSlice(slice));
		}
		// What is left: the deletions, and structs still waiting for others (a partial update).
		slices.push(Y.diffUpdate(update, Y.encodeStateVector(doc)));
		return slices;
	} finally {
		doc.destroy();
	}
}
