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
		const index = lastStartAtOrBefore(ranges, clock);
		return index >= 0 && ranges[index * 2 + 1]! >= clock + length;
	}

	/**
	 * Adds one client's deletions. A few at a time (live edits) are spliced in; many at once (a
	 * whole delete set) are sorted in one go, so a hostile update cannot make this quadratic.
	 */
	addAll(client: number, items: readonly { clock: number; len: number }[]): void {
		const ranges = this.#byClient.get(client) ?? [];
		this.#byClient.set(client, ranges);
		if (items.length > 16) {
			const pairs = items.map((item): [number, number] => [item.clock, item.clock + item.len]);
			for (let i = 0; i < ranges.length; i += 2) {
				pairs.push([ranges[i]!, ranges[i + 1]!]);
			}
			pairs.sort((a, b) => a[0] - b[0]);
			ranges.length = 0;
			pairs.forEach(([start, end]) => appendMerged(ranges, start, end));
			return;
		}
		items.forEach((item) => insert(ranges, item.clock, item.clock + item.len));
	}
}

/** Index (in pairs) of the last range starting at or before clock, or -1. */
function lastStartAtOrBefore(ranges: number[], clock: number): number {
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
	return found;
}

/** Appends [start, end) to sorted input, merging with the last range when they touch. */
function appendMerged(ranges: number[], start: number, end: number): void {
	const last = ranges.length - 1;
	if (last > 0 && start <= ranges[last]!) {
		ranges[last] = Math.max(ranges[last]!, end);
	} else {
		ranges.push(start, end);
	}
}

/** Inserts [start, end) in place, merging every range it touches. */
function insert(ranges: number[], start: number, end: number): void {
	if (end <= start) {
		return;
	}
	let first = lastStartAtOrBefore(ranges, start);
	if (first < 0 || ranges[first * 2 + 1]! < start) {
		first += 1;
	}
	let last = first;
	let mergedStart = start;
	let mergedEnd = end;
	while (last * 2 < ranges.length && ranges[last * 2]! <= mergedEnd) {
		mergedStart = Math.min(mergedStart, ranges[last * 2]!);
		mergedEnd = Math.max(mergedEnd, ranges[last * 2 + 1]!);
		last += 1;
	}
	ranges.splice(first * 2, (last - first) * 2, mergedStart, mergedEnd);
}
