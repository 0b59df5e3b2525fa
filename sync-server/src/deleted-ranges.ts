/**
 * The deletions a document already holds, per client as sorted, non-overlapping [clock, end)
 * ranges. A Yjs client's sync step 2 always carries its whole delete set, and a deletion in a
 * text is an update with no new structs at all: this is how the server tells a deletion it has
 * never seen (store and relay it) from one it already has (drop it), without a Y.Doc.
 */
export class DeletedRanges {
	/** client → flat [start0, end0, start1, end1, ...], sorted and merged. */
	readonly #byClient = new Map<number, number[]>();

	/** True when [clock, clock + length) is deleted already. */
	covers(client: number, clock: number, length: number): boolean {
		const ranges = this.#byClient.get(client);
		if (!ranges) {
			return false;
		}
		// Binary search for the last range starting at or before clock.
		let low = 0;
		let high = ranges.length / 2 - 1;
		let found = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (ranges[middle * 2]! <= clock) {
				found = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}
		return found >= 0 && ranges[found * 2 + 1]! >= clock + length;
	}

	add(client: number, clock: number, length: number): void {
		if (length <= 0 || this.covers(client, clock, length)) {
			return;
		}
		const ranges = this.#byClient.get(client) ?? [];
		const pairs: [number, number][] = [[clock, clock + length]];
		for (let i = 0; i < ranges.length; i += 2) {
			pairs.push([ranges[i]!, ranges[i + 1]!]);
		}
		pairs.sort((a, b) => a[0] - b[0]);
		const merged: number[] = [];
		for (const [start, end] of pairs) {
			const last = merged.length - 1;
			if (last > 0 && start <= merged[last]!) {
				merged[last] = Math.max(merged[last]!, end);
			} else {
				merged.push(start, end);
			}
		}
		this.#byClient.set(client, merged);
	}
}
