import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/sync/protocol';
import { DeletedRanges } from './deleted-ranges';
import { Refusal } from './refusal';
import { encodeStateVector, mergeInChunks } from './update-codec';
import { encodeSyncStep2 } from './protocol-messages';
import { TieredUpdates } from './tiered-updates';
import { concatRuns, structRunOf, type StructRun } from './update-concat';

/**
 * A loaded document kept as encoded Yjs updates instead of a live Y.Doc (TieredUpdates: a few
 * merged pieces plus the latest small updates, merged fully only when a client needs it all). A Y.Doc costs ~10x the bytes of its encoded
 * state and integrating every edit costs CPU the server never needs: it only has to know what is
 * new (to store and relay exactly that), what it has (its state vector), and answer sync step 1.
 *
 * Everything accepted here is "in the document", durable or not; Room decides when to relay.
 * Accepted client edits wait as `pending` until the room takes them as one batch for the store
 * (takePending): the batch is joined once, and that one update is both what is stored and
 * relayed and what the tiers keep, so no edit is merged twice on the hot path.
 */
export class DocState {
	#updates: TieredUpdates;
	#pending: { update: Uint8Array; run: StructRun | null }[] = [];
	#pendingBytes = 0;
	/** Sync step 2 with the merged state, which is then a view into it (one copy in memory). */
	#fullMessage: Uint8Array | null = null;
	/** client → next expected clock: what a Y.Doc holding the same updates would report. */
	readonly #clocks: Map<number, number>;
	#clocksEncoded: Uint8Array | null = null;
	/** Clients with content stored beyond a gap: their clock may be stale until the next merge. */
	readonly #gapClients = new Set<number>();
	/** Told about every accepted update (the room's StructIndex, when it has one). */
	onAccepted: ((structs: Structs, ds: DeleteSetLike) => void) | null = null;
	/** Built only when a deletion-only update needs checking; then kept up to date. */
	#deleted: DeletedRanges | null = null;

	/** `updates`: a stored snapshot and log, oldest first. */
	constructor(updates: readonly Uint8Array[]) {
		const state = updates.length === 1 ? updates[0]!.slice() : mergeInChunks(updates);
		this.#updates = new TieredUpdates([state]);
		this.#clocks = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
		this.#findGaps(state);
	}

	/** Roughly the bytes held, for stats and tests. */
	get byteLength(): number {
		return this.#updates.byteLength + this.#pendingBytes;
	}

	/** The document's encoded size, pending edits included: what `maxBytes` in accept bounds. */
	get encodedBytes(): number {
		return this.#updates.encodedBytes + this.#pendingBytes;
	}

	get hasPending(): boolean {
		return this.#pending.length > 0;
	}

	/** The state vector to send in sync step 1; cached until the document changes. */
	stateVector(): Uint8Array {
		this.#clocksEncoded ??= encodeStateVector(this.#clocks);
		return this.#clocksEncoded;
	}

	/**
	 * Takes an update from a client or from in-process code. Returns the part that is new to this
	 * document (to store and relay), or null when it adds nothing. Throws on bytes that are not a
	 * Yjs update, before anything is changed. `stored`: the update is already durable elsewhere
	 * (another instance published it), so it goes straight to the tiers instead of pending.
	 * `options`: a size limit and a policy check, both run before anything changes.
	 */
	accept(
		update: Uint8Array,
		into: 'pending' | 'stored' = 'pending',
		options: AcceptOptions = {}
	): Uint8Array | null {
		const { maxBytes = Infinity, check } = options;
		const decoded = Y.decodeUpdate(update);
		const structs = this.#classifyStructs(decoded.structs);
		const hasNewDeletes = this.#hasNewDeletes(decoded.ds, structs.isNew);
		if (!structs.isNew && !hasNewDeletes) {
			return null;
		}
		check?.(this.#newStructs(decoded.structs), decoded.ds);
		// Only a partly known update needs re-encoding; a plain new edit is stored as it came.
		const effective = structs.overlaps ? Y.diffUpdate(update, this.stateVector()) : ownCopy(update);
		// Deletions alone pass: compaction garbage-collects what they remove, the way back under.
		if (structs.isNew && this.encodedBytes + effective.byteLength > maxBytes) {
			throw new Refusal(CloseCode.DocumentTooLarge, `document larger than ${maxBytes} bytes`);
		}
		this.#advance(structs.ends);
		structs.gaps.forEach((client) => this.#gapClients.add(client));
		if (this.#deleted) {
			addDeletes(this.#deleted, decoded.ds);
		}
		this.onAccepted?.(decoded.structs, decoded.ds);
		if (into === 'stored') {
			this.#updates.add(effective);
		} else {
			const run = structs.overlaps ? null : structRunOf(effective, decoded);
			this.#pending.push({ update: effective, run });
			this.#pendingBytes += effective.byteLength;
		}
		this.#fullMessage = null;
		return effective;
	}

	/**
	 * Everything accepted since the last call as one update (joined by copying when every edit
	 * is plain, merged otherwise), now kept in the tiers; null when nothing is pending.
	 */
	takePending(): Uint8Array | null {
		if (this.#pending.length === 0) {
			return null;
		}
		const parts = this.#pending;
		this.#pending = [];
		this.#pendingBytes = 0;
		const batch =
			parts.length === 1
				? parts[0]!.update
				: (concatRuns(parts) ?? mergeInChunks(parts.map((part) => part.update)));
		this.#updates.add(batch);
		return batch;
	}

	/**
	 * Swaps what has been taken so far for `stored`, the same content as the store now holds it
	 * (a folded snapshot plus the log rows after it): the store's compaction has merged and
	 * garbage-collected it off the event loop, so the tiers never have to. Pending edits stay.
	 */
	rebase(stored: readonly Uint8Array[]): void {
		this.#updates = new TieredUpdates(stored);
		this.#fullMessage = null;
	}

	/** Forgets what was accepted but not taken (the room is being dropped). */
	dropPending(): void {
		this.#pending = [];
		this.#pendingBytes = 0;
	}

	/** The whole document as one update. */
	snapshot(): Uint8Array {
		if (this.#pending.length > 0) {
			// Pending edits stay pending (the room still has to store them): merge a copy.
			const stored = this.#updates.merged();
			return this.#recount(mergeInChunks([stored, ...this.#pending.map((p) => p.update)]));
		}
		if (this.#updates.isMerged) {
			return this.#updates.merged();
		}
		return this.#recount(this.#updates.merged());
	}

	/** Re-reads clocks from a merged state if some client had content waiting beyond a gap. */
	#recount(state: Uint8Array): Uint8Array {
		if (this.#gapClients.size > 0) {
			// The missing piece may have arrived: recount from the merged state.
			const clocks = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
			clocks.forEach((clock, client) => this.#clocks.set(client, clock));
			this.#clocksEncoded = null;
			this.#gapClients.clear();
			this.#findGaps(state);
		}
		return state;
	}

	/** What a client with state vector `stateVector` is missing. */
	diff(stateVector: Uint8Array): Uint8Array {
		return Y.diffUpdate(this.snapshot(), stateVector);
	}

	/** Sync step 2 with the whole document, for fresh clients; encoded once per change. */
	fullStateMessage(): Uint8Array {
		if (this.#pending.length > 0) {
			// Changes with every pending edit: not worth caching.
			return encodeSyncStep2(this.snapshot());
		}
		if (!this.#fullMessage) {
			const state = this.snapshot();
			const message = encodeSyncStep2(state);
			this.#fullMessage = message;
			this.#updates.replaceMerged(message.subarray(message.byteLength - state.byteLength));
		}
		return this.#fullMessage;
	}

	/** Structs not (entirely) known yet: what a policy judges. */
	#newStructs(structs: Structs): Structs {
		return structs.filter(
			(struct) => struct.id.clock + struct.length > (this.#clocks.get(struct.id.client) ?? 0)
		);
	}

	/** Clients whose stored structs go past their contiguous clock (content waiting on a gap). */
	#findGaps(state: Uint8Array): void {
		const { to } = Y.parseUpdateMeta(state);
		to.forEach((end, client) => {
			if (end > (this.#clocks.get(client) ?? 0)) {
				this.#gapClients.add(client);
			}
		});
	}

	#classifyStructs(structs: (Y.Item | Y.GC | Y.Skip)[]) {
		let isNew = false;
		let overlaps = false;
		const gaps: number[] = [];
		/** client → end of the run that continues the known clock (only for such runs). */
		const ends = new Map<number, number>();
		let client = -1;
		let known = 0;
		let expected = 0;
		for (const struct of structs) {
			const { clock } = struct.id;
			if (struct.id.client !== client) {
				client = struct.id.client;
				known = this.#clocks.get(client) ?? 0;
				expected = known;
			}
			const end = clock + struct.length;
			if (struct instanceof Y.Skip) {
				continue;
			}
			isNew ||= end > known;
			overlaps ||= clock < known;
			if (clock > expected) {
				// Content after a hole: a Y.Doc would hold it back; its clock does not count yet.
				gaps.push(client);
			} else if (end > expected) {
				expected = end;
				ends.set(client, end);
			}
		}
		return { isNew, overlaps, ends, gaps };
	}

	#hasNewDeletes(ds: DeleteSetLike, hasNewStructs: boolean): boolean {
		if (ds.clients.size === 0) {
			return false;
		}
		if (hasNewStructs) {
			// Stored anyway; whether its deletions are new does not change anything.
			return true;
		}
		this.#deleted ??= deletedRangesOf(this.snapshot());
		for (const [client, items] of ds.clients) {
			if (items.some((item) => !this.#deleted!.covers(client, item.clock, item.len))) {
				return true;
			}
		}
		return false;
	}

	#advance(ends: Map<number, number>): void {
		ends.forEach((end, client) => this.#clocks.set(client, end));
		if (ends.size > 0) {
			this.#clocksEncoded = null;
		}
	}
}

interface DeleteSetLike {
	clients: Map<number, { clock: number; len: number }[]>;
}

type Structs = (Y.Item | Y.GC | Y.Skip)[];

export interface AcceptOptions {
	/** Refuse (Refusal, nothing changed) new content that would grow the document past it. */
	maxBytes?: number;
	/** Sees the new structs and the delete set before anything changes; throws Refusal to refuse. */
	check?: (structs: Structs, ds: DeleteSetLike) => void;
}

function deletedRangesOf(state: Uint8Array): DeletedRanges {
	const ranges = new DeletedRanges();
	addDeletes(ranges, Y.decodeUpdate(state).ds);
	return ranges;
}

function addDeletes(ranges: DeletedRanges, ds: DeleteSetLike): void {
	ds.clients.forEach((items, client) => ranges.addAll(client, items));
}

/**
 * ws hands over views into larger socket buffers; keeping such a view would keep the whole
 * buffer alive for as long as the update stays in memory.
 */
function ownCopy(update: Uint8Array): Uint8Array {
	return update.byteOffset === 0 && update.buffer.byteLength === update.byteLength
		? update
		: update.slice();
}
