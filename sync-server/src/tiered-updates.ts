import { mergeInChunks } from './update-codec';

// Small updates are merged into a piece once they add up to this (counting per-array overhead).
const RECENT_BYTES = 16 * 1024;
// Pieces are merged with their neighbour only while both stay under this: a merge on the hot
// path then never costs more than a few ms, however large the document (merging reads every
// struct, and merged updates keep one struct per edit).
const MAX_PIECE_BYTES = 128 * 1024;
// What one small Uint8Array costs besides its bytes (object, ArrayBuffer, backing store record).
const ARRAY_OVERHEAD_BYTES = 200;

/**
 * A document's updates as a few merged pieces plus the latest small updates: the encoded
 * counterpart of a Y.Doc, grown like a log-structured merge tree. Merging everything into one
 * piece happens only when someone needs the whole document (a client's sync step 1, withDoc).
 */
export class TieredUpdates {
	#pieces: Uint8Array[];
	#recent: Uint8Array[] = [];
	#recentBytes = 0;

	constructor(initial: Uint8Array) {
		this.#pieces = [initial];
	}

	/** Roughly the bytes held. */
	get byteLength(): number {
		return this.#pieces.reduce((sum, piece) => sum + piece.byteLength, this.#recentBytes);
	}

	get isMerged(): boolean {
		return this.#pieces.length === 1 && this.#recent.length === 0;
	}

	add(update: Uint8Array): void {
		this.#recent.push(update);
		this.#recentBytes += update.byteLength + ARRAY_OVERHEAD_BYTES;
		if (this.#recentBytes < RECENT_BYTES) {
			return;
		}
		this.#pieces.push(mergeInChunks(this.#recent));
		this.#recent = [];
		this.#recentBytes = 0;
		// Merge neighbours of similar size (amortised O(log n) merges per byte), small ones only.
		for (let n = this.#pieces.length; n >= 2; n = this.#pieces.length) {
			const [older, newer] = [this.#pieces[n - 2]!, this.#pieces[n - 1]!];
			if (older.byteLength > 2 * newer.byteLength) {
				break;
			}
			if (older.byteLength + newer.byteLength > MAX_PIECE_BYTES) {
				break;
			}
			this.#pieces.splice(n - 2, 2, mergeInChunks([older, newer]));
		}
	}

	/** Everything as one update (and kept that way until the next add). */
	merged(): Uint8Array {
		if (!this.isMerged) {
			this.#pieces = [mergeInChunks([...this.#pieces, ...this.#recent])];
			this.#recent = [];
			this.#recentBytes = 0;
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
