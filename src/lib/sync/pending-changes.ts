import * as Y from 'yjs';
import { editedItems, type ClockRange } from './edited-items';

/** What this device remembers per document between sessions (stored next to the document). */
export interface PendingMeta {
	/** [clientID this device wrote with, highest clock of it the server was known to hold]. */
	readonly clients: readonly (readonly [number, number])[];
}

export function isPendingMeta(value: unknown): value is PendingMeta {
	const clients = (value as Partial<PendingMeta> | null)?.clients;
	return (
		Array.isArray(clients) &&
		clients.every(
			(pair: unknown) =>
				Array.isArray(pair) &&
				pair.length === 2 &&
				pair.every((n: unknown) => typeof n === 'number' && Number.isSafeInteger(n))
		)
	);
}

type Range = ClockRange;
/** One local Yjs update and the items (see editedItems) it touched. */
type Change = { items: ReadonlySet<string> } & (
	{ kind: 'structs'; ends: Map<number, number> } | { kind: 'deletes'; ranges: Range[] }
);

/**
 * Counts what a person changed on this device in one document that the server has not
 * confirmed yet: distinct edited items (a message sent, a note edited, a goal ticked; see
 * editedItems), not Yjs updates, so typing 19 characters into one note is one change.
 *
 * Definition: pending = |items(L) ∪ items(R)|, where an item stays pending while any change
 * touching it is unconfirmed.
 * - L (this session): every doc 'update' caused by a local origin is one change. A change that
 *   inserted content is confirmed once the server's state vector covers the end clock of every
 *   client in it. A change that only deleted content (deletions take no clock) is confirmed once
 *   an update from the server carries a delete set covering all its deleted ranges.
 * - R (earlier sessions, e.g. offline edits before a reload): the content of this device's
 *   earlier clientIDs above the clock the server is known to hold. Deletion-only edits from an
 *   earlier session are not visible here (no clock moved).
 * Exact in both directions: zero exactly when nothing of ours is unconfirmed (a change whose
 * items cannot be named still counts as one).
 *
 * The server's state vector is learned from its sync step 1 and from every update it sends,
 * echoes of our own updates included (the server echoes only after storing them durably).
 * The sync server relays only integrated content, so holding clock n of a client means holding
 * everything of that client below n.
 */
export class PendingChanges {
	#doc: Y.Doc;
	#server = new Map<number, number>();
	#live: Change[] = [];
	/** clientIDs this device wrote with, in this session or earlier ones. */
	#deviceClients = new Set<number>();
	#restored = new Set<number>();
	/** Numbers changes whose items cannot be named, so each still counts. */
	#unnamed = 0;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
	}

	get count(): number {
		if (this.#live.length === 0 && this.#restored.size === 0) {
			return 0;
		}
		const items = this.#restoredItems();
		for (const change of this.#live) {
			change.items.forEach((item) => items.add(item));
		}
		return items.size;
	}

	/** Server clock known for `client` (0 when unknown). */
	serverClock(client: number): number {
		return this.#server.get(client) ?? 0;
	}

	/**
	 * Whether the server holds the struct written by `client` at `clock`. Only this device's
	 * own clientIDs can be unconfirmed: anything else reached us through the server. An earlier
	 * session's clientID that is not restored was dropped from the meta because it was confirmed.
	 */
	isConfirmed(client: number, clock: number): boolean {
		return !this.#deviceClients.has(client) || clock < this.serverClock(client);
	}

	restore(meta: PendingMeta): void {
		for (const [client, clock] of meta.clients) {
			this.#deviceClients.add(client);
			this.#restored.add(client);
			this.#raise(client, clock);
		}
	}

	/** What to store for the next session: only clients with something unconfirmed. */
	toMeta(): PendingMeta {
		const clients: [number, number][] = [];
		for (const client of this.#deviceClients) {
			if (Y.getState(this.#doc.store, client) > this.serverClock(client)) {
				clients.push([client, this.serverClock(client)]);
			}
		}
		return { clients };
	}

	noteLocalUpdate(update: Uint8Array): void {
		const decoded = Y.decodeUpdate(update);
		const ranges = deleteRangesOf(decoded);
		const inserted: Range[] = [];
		const ends = new Map<number, number>();
		for (const struct of decoded.structs) {
			if (struct instanceof Y.Skip) {
				continue;
			}
			const { client, clock } = struct.id;
			ends.set(client, Math.max(ends.get(client) ?? 0, clock + struct.length));
			if (struct instanceof Y.Item) {
				inserted.push({ client, clock, len: struct.length });
			}
		}
		if (ends.size === 0 && ranges.length === 0) {
			return;
		}
		const items = editedItems(this.#doc, [...inserted, ...ranges]);
		if (items.size === 0) {
			items.add(`change:${(this.#unnamed += 1)}`);
		}
		if (ends.size > 0) {
			ends.forEach((_clock, client) => this.#deviceClients.add(client));
			this.#live.push({ kind: 'structs', ends, items });
		} else {
			this.#live.push({ kind: 'deletes', ranges, items });
		}
	}

	noteServerStateVector(stateVector: Map<number, number>): void {
		stateVector.forEach((clock, client) => this.#raise(client, clock));
		this.#prune(null);
	}

	noteServerUpdate(update: Uint8Array): void {
		Y.parseUpdateMeta(update).to.forEach((clock, client) => this.#raise(client, clock));
		const hasDeletes = this.#live.some((change) => change.kind === 'deletes');
		this.#prune(hasDeletes ? deleteRanges(update) : null);
	}

	#raise(client: number, clock: number): void {
		if (clock > this.serverClock(client)) {
			this.#server.set(client, clock);
		}
	}

	#prune(serverDeletes: Range[] | null): void {
		this.#live = this.#live.filter((change) =>
			change.kind === 'structs'
				? [...change.ends].some(([client, end]) => end > this.serverClock(client))
				: !(serverDeletes && change.ranges.every((range) => isCovered(range, serverDeletes)))
		);
	}

	/** Items written by earlier sessions' clientIDs that the server does not hold yet. */
	#restoredItems(): Set<string> {
		const items = new Set<string>();
		for (const client of this.#restored) {
			const clock = this.serverClock(client);
			const len = Y.getState(this.#doc.store, client) - clock;
			if (len > 0) {
				const named = editedItems(this.#doc, [{ client, clock, len }]);
				if (named.size === 0) {
					items.add(`earlier:${client}`);
				}
				named.forEach((item) => items.add(item));
			}
		}
		return items;
	}
}

function deleteRanges(update: Uint8Array): Range[] {
	return deleteRangesOf(Y.decodeUpdate(update));
}

function deleteRangesOf(decoded: ReturnType<typeof Y.decodeUpdate>): Range[] {
	const ranges: Range[] = [];
	decoded.ds.clients.forEach((items, client) => {
		items.forEach((item) => ranges.push({ client, clock: item.clock, len: item.len }));
	});
	return ranges;
}

/** True when the union of `ranges` covers `range` entirely. */
function isCovered(range: Range, ranges: Range[]): boolean {
	const sorted = ranges.filter((r) => r.client === range.client).sort((a, b) => a.clock - b.clock);
	let reached = range.clock;
	const end = range.clock + range.len;
	for (const r of sorted) {
		if (r.clock > reached) {
			break;
		}
		reached = Math.max(reached, r.clock + r.len);
		if (reached >= end) {
			return true;
		}
	}
	return reached >= end;
}
