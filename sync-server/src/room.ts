import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CommitQueue, Committable } from './commit-queue';
import { DocState, type AcceptOptions } from './doc-state';
import { defaultConfiguration } from './config';
import type { FanOut, FanOutMessage, StoredDoc } from './persistence';
import { PresenceGuard, type PresenceLimits } from './presence-guard';
import type { Principal } from './config';
import { Refusal } from './refusal';
import { StructIndex, type UpdatePolicy } from './update-inspection';
import { CloseCode } from '../../src/lib/sync/protocol';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './protocol-messages';

/** What a room needs from a connection; keeps room.ts free of websocket details. */
export interface Peer {
	/** Awareness client ids this peer owns (PresenceGuard), removed for everyone when it leaves. */
	readonly awarenessIds: Set<number>;
	/** The connection's user: a reconnect of theirs may take over their presence ids. */
	readonly userId?: string;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface RoomDeps {
	commits: CommitQueue;
	fanOut: FanOut;
	/** Called when the last connection or lease goes away, and when a commit failed. */
	onIdle(room: Room): void;
	onBroken(room: Room): void;
	/** Lets the registry decide about compaction after each durable batch. */
	onCommitted(room: Room): void;
	/** defaultConfiguration's when not given (tests, the pipeline bench). */
	limits?: RoomLimits;
	/** The app's rules for clients' updates to this document (SyncHooks.updatePolicy). */
	policy?: UpdatePolicy | null;
}

export interface RoomLimits extends PresenceLimits {
	/** Encoded size past which clients' new content is refused (in-process writes still pass). */
	maxDocBytes: number;
}

/** Transaction origins; connections use themselves as origin. */
const FROM_SERVER = { kind: 'server' } as const;
const FROM_REMOTE = { kind: 'remote' } as const;

type Waiter = (error?: unknown) => void;

/** A client update without a known sender (tests, benches): limits and policies still apply. */
const NOBODY: Principal = { userId: '' };

/**
 * One loaded document and everyone connected to it. The in-memory state may run ahead of the
 * store by a few batches (the commit pipeline's depth); nothing derived from a batch leaves the
 * process before that batch is durable, and batches are relayed in order. The document is kept as encoded updates (DocState), never as a live Y.Doc.
 */
export class Room implements Committable {
	readonly name: string;
	readonly state: DocState;
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Set<Peer>();
	logRows: number;
	logBytes: number;
	isCompacting = false;
	#leases = 0;
	/** Batches handed to the store so far: tells a rebase whether its read is still current. */
	#taken = 0;
	#destroyed = false;
	/** Why pending changes were dropped (store failure, deletion): later waiters hear it too. */
	#abandonedWith: unknown = null;
	/** Waiters for what is still pending in `state` (not yet handed to the store). */
	#openWaiters: Waiter[] = [];
	/** Batches handed to the store, oldest first; they land in this order. */
	#inflight: { update: Uint8Array; waiters: Waiter[] }[] = [];
	readonly #deps: RoomDeps;
	readonly #presence: PresenceGuard<Peer>;
	readonly #limits: RoomLimits;
	readonly #policy: UpdatePolicy | null;
	/** Built at the first client update when there is a policy, then fed every accepted update. */
	#index: StructIndex | null = null;
	readonly #unsubscribe: () => void;

	constructor(name: string, stored: StoredDoc, deps: RoomDeps) {
		this.name = name;
		this.#deps = deps;
		this.logRows = stored.logRows;
		this.logBytes = stored.logBytes;
		this.state = new DocState(stored.updates);
		this.#limits = deps.limits ?? defaultConfiguration;
		this.#presence = new PresenceGuard(this.#limits);
		this.#policy = deps.policy ?? null;
		this.state.onAccepted = (structs, ds) => this.#index?.add(structs, ds);
		// Awareness needs a Y.Doc only for its client id and lifetime; both together cost ~3.4 KB.
		this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
		this.awareness.setLocalState(null);
		this.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
			this.#onAwarenessUpdate(change, origin)
		);
		this.#unsubscribe = deps.fanOut.subscribe(name, (message) => this.#onRemote(message));
	}

	get isIdle(): boolean {
		return this.peers.size === 0 && this.#leases === 0;
	}

	get hasUncommitted(): boolean {
		return this.state.hasPending || this.#inflight.length > 0;
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.state.stateVector()));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]);
			peer.send(encodeAwareness(update));
		}
	}

	leave(peer: Peer): void {
		if (!this.peers.delete(peer)) {
			return;
		}
		const ids = this.#presence.release(peer).filter((id) => this.awareness.states.has(id));
		awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
		this.#checkIdle();
	}

	lease(): () => void {
		this.#leases += 1;
		let released = false;
		return () => {
			if (!released) {
				released = true;
				this.#leases -= 1;
				this.#checkIdle();
			}
		};
	}

	/**
	 * Throws on a malformed update; the caller closes that one connection. Only the part new to
	 * the document is stored and relayed; content waiting for missing dependencies counts as new
	 * (a Y.Doc would hold it back, but a fresh client must still receive it). A client's update
	 * (`from` its principal) throws Refusal, before anything changes, when its new content would
	 * grow the document past `maxDocBytes` or the document's policy refuses it; `'server'`
	 * (withDoc) is neither limited nor checked.
	 */
	applyClientUpdate(update: Uint8Array, from: Principal | 'server' = NOBODY): void {
		// A socket closed with its room may still deliver a last message: nothing may store it.
		if (this.#destroyed) {
			return;
		}
		if (from === 'server') {
			this.#accept(update, {});
			return;
		}
		const policy = this.#policy;
		if (!policy) {
			this.#accept(update, { maxBytes: this.#limits.maxDocBytes });
			return;
		}
		const index = (this.#index ??= new StructIndex(this.state.snapshot()));
		this.#accept(update, {
			maxBytes: this.#limits.maxDocBytes,
			check: (structs, ds) => {
				const reason = policy.check(index.inspect(this.name, structs, ds), from);
				if (reason) {
					throw new Refusal(CloseCode.UpdateRefused, reason);
				}
			}
		});
	}

	#accept(update: Uint8Array, options: AcceptOptions): void {
		if (this.state.accept(update, 'pending', options)) {
			this.#deps.commits.markDirty(this);
		}
	}

	/** Answers sync step 1; computed now, sent once everything it contains is durable. */
	replyToSyncStep1(peer: Peer, stateVector: Uint8Array, isEmpty: boolean): void {
		const message = isEmpty
			? this.state.fullStateMessage()
			: encodeSyncStep2(this.state.diff(stateVector));
		this.#afterDurable((error) => {
			if (!error) {
				peer.send(message);
			}
		});
	}

	/** Applies what PresenceGuard lets this peer set; throws Refusal for an oversized state. */
	applyAwareness(update: Uint8Array, peer: Peer): void {
		const allowed = this.#presence.filter(update, peer);
		if (allowed) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed, peer);
		}
	}

	sendAwarenessStates(peer: Peer): void {
		const ids = [...this.awareness.getStates().keys()];
		peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
	}

	/**
	 * In-process write through the same durable path as client updates: fn runs on a temporary
	 * Y.Doc built from the current state, and the update its transaction produced is accepted
	 * like a client's. Rare (bookings), so rebuilding the doc each time is fine.
	 */
	async write<T>(fn: (doc: Y.Doc) => T): Promise<T> {
		const release = this.lease();
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, this.state.snapshot(), FROM_SERVER);
			const updates: Uint8Array[] = [];
			doc.on('update', (update: Uint8Array) => updates.push(update));
			let result!: T;
			doc.transact(() => (result = fn(doc)), FROM_SERVER);
			updates.forEach((update) => this.applyClientUpdate(update, 'server'));
			await this.flush();
			return result;
		} finally {
			doc.destroy();
			release();
		}
	}

	flush(): Promise<void> {
		return new Promise((resolve, reject) =>
			this.#afterDurable((error) => (error ? reject(error) : resolve()))
		);
	}

	takeBatch(): Uint8Array | null {
		const update = this.state.takePending();
		if (!update) {
			return null;
		}
		this.#inflight.push({ update, waiters: this.#openWaiters });
		this.#openWaiters = [];
		this.#taken += 1;
		return update;
	}

	get batchesTaken(): number {
		return this.#taken;
	}

	/**
	 * After a compaction: `stored` (read when batchesTaken was `taken`) replaces the in-memory
	 * copy of everything stored, if no batch was taken since (it would be missing from it).
	 */
	rebase(stored: StoredDoc, taken: number): boolean {
		if (this.#destroyed || taken !== this.#taken) {
			return false;
		}
		this.state.rebase(stored.updates);
		this.logRows = stored.logRows;
		this.logBytes = stored.logBytes;
		return true;
	}

	committed(): void {
		const batch = this.#inflight.shift();
		if (!batch) {
			return;
		}
		this.logRows += 1;
		this.logBytes += batch.update.byteLength;
		// Encoded once, sent to everyone including the author (that echo doubles as an ack).
		const message = encodeUpdate(batch.update);
		for (const peer of this.peers) {
			peer.send(message);
		}
		this.#deps.fanOut.publish(this.name, { kind: 'update', update: batch.update });
		batch.waiters.forEach((waiter) => waiter());
		this.#deps.onCommitted(this);
	}

	/** The memory state is now ahead of the store: drop it and let clients resend on reconnect. */
	commitFailed(error: unknown): void {
		this.abandon(error);
		this.#deps.onBroken(this);
	}

	/** Forgets pending changes and fails whoever waits for them (store failure, deletion). */
	abandon(error: unknown): void {
		this.#abandonedWith = error;
		const waiters = [...this.#inflight.flatMap((batch) => batch.waiters), ...this.#openWaiters];
		this.#inflight = [];
		this.state.dropPending();
		this.#openWaiters = [];
		waiters.forEach((waiter) => waiter(error));
	}

	destroy(): void {
		this.#destroyed = true;
		this.#unsubscribe();
		this.awareness.destroy();
		this.awareness.doc.destroy();
	}

	#afterDurable(waiter: Waiter): void {
		if (this.#destroyed) {
			waiter(this.#abandonedWith ?? new Error(`${this.name} is no longer loaded`));
		} else if (this.state.hasPending) {
			this.#openWaiters.push(waiter);
		} else if (this.#inflight.length > 0) {
			this.#inflight.at(-1)!.waiters.push(waiter);
		} else {
			waiter();
		}
	}

	#onAwarenessUpdate(change: AwarenessChange, origin: unknown): void {
		const { added, updated, removed } = change;
		const changed = added.concat(updated, removed);
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		const message = encodeAwareness(update);
		this.peers.forEach((peer) => peer.send(message));
		if (origin !== FROM_REMOTE) {
			this.#deps.fanOut.publish(this.name, { kind: 'awareness', update });
		}
	}

	#onRemote(message: FanOutMessage): void {
		if (message.kind === 'update') {
			// Already durable in the instance that published it: relay only what is new here.
			const effective = this.state.accept(message.update, 'stored');
			if (effective) {
				const relayed = encodeUpdate(effective);
				this.peers.forEach((peer) => peer.send(relayed));
			}
		} else {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, FROM_REMOTE);
		}
	}

	#checkIdle(): void {
		if (this.isIdle) {
			this.#deps.onIdle(this);
		}
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}
