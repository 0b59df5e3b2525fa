import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Y.mergeUpdates re-sorts all its inputs for every struct run it writes, so merging n small
 * updates at once costs O(n² log n). Merging at most CHUNK at a time, level by level, keeps a
 * busy batch (hundreds of edits in one commit) linear.
 */
const CHUNK = 16;

export function mergeInChunks(updates: readonly Uint8Array[]): Uint8Array {
	if (updates.length === 0) {
		return Y.mergeUpdates([]);
	}
	let level = [...updates];
	while (level.length > 1) {
		const next: Uint8Array[] = [];
		for (let i = 0; i < level.length; i += CHUNK) {
			next.push(Y.mergeUpdates(level.slice(i, i + CHUNK)));
		}
		level = next;
	}
	return level[0]!;
}

/** The same bytes Y.encodeStateVector writes for a doc with these clocks. */
export function encodeStateVector(clocks: ReadonlyMap<number, number>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, clocks.size);
	// Yjs writes higher client ids first; keep that order so the bytes match.
	[...clocks.entries()]
		.sort((a, b) => b[0] - a[0])
		.forEach(([client, clock]) => {
			encoding.writeVarUint(encoder, client);
			encoding.writeVarUint(encoder, clock);
		});
	return encoding.toUint8Array(encoder);
}
