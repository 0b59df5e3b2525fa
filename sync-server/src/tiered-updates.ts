import { mergeInChunks } from './update-codec';

// Recent batches stay unmerged up to this: the store's compaction folds the log in the
// background and the room then swaps everything it covers for that folded state (rebase), so
// a busy document is compacted there, off the event loop. Merging here is only the safety net
// for a document whose log is never folded (compaction failing, or disabled in tests).
const RECENT_BYTES = 8 * 1024 * 1024;
// What one small Uint8Array costs besides its bytes (object, ArrayBuffer, backing store record).
const ARRAY_OVERHEAD_BYTES = 200;

/**
 * A document's updates as a few pieces plus the batches committed since: the encoded
 * counterpart of a Y.Doc. Merged into one piece only when someone needs the whole document
 * (a client's sync step 1, withDoc), when the room rebases onto a folded snapshot, or past
 * RECENT_BYTES.
 */
export class TieredUpdates {
	#pieces: Uint8Array[];
	#recent: Uint8Array[] = [];
	#recentBytes = 0;
	/** The same without the per-array overhead: what the document weighs encoded. */
	#recentEncoded = 0;

	/** `pieces`: the stored state, oldest first (a snapshot and log rows); not merged here. */
	constructor(pieces: readonly Uint8Array[]) {
		this.#pieces = pieces.length > 0 ? [...pieces] : [mergeInChunks([])];
	}

	/** Roughly the bytes held. */
	get byteLength(): number {
		return this.#pieces.reduce((sum, piece) => sum + piece.byteLength, this.#recentBytes);
	}

	/** Encoded bytes held (the document's size as the size limit counts it). */
	get encodedBytes(): number {
		return this.#pieces.reduce((sum, piece) => sum + piece.byteLength, this.#recentEncoded);
	}

	get isMerged(): boolean {
		return this.#pieces.length === 1 && this.#recent.length === 0;
	}

	add(update: Uint8Array): void {
		this.#recent.push(update);
		this.#recentBytes += update.byteLength + ARRAY_OVERHEAD_BYTES;
		this.#recentEncoded += update.byteLength;
		if (this.#recentBytes >= RECENT_BYTES) {
			this.merged();
		}
	}

	/** Everything as one update (and kept that way until the next add). */
	merged(): Uint8Array {
		if (!this.isMerged) {
			this.#pieces = [mergeInChunks([...this.#pieces, ...this.#recent])];
			this.#recent = [];
			this.#recentBytes = 0;
			this.#recentEncoded = 0;
		}
		return this.#pieces[0]!;
	}

	/** Swaps the merged state for an identical copy (a view into a message that embeds it). */
	replaceMerged(same: Uint8Array): void {
		if (this.isMerged) {
			this.#pieces[0] = same;
		}
	}
}
