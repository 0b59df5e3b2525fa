import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CommitQueue, Committable } from './commit-queue';
import type { FanOut, FanOutMessage, StoredDoc } from './persistence';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './protocol-messages';

/** What a room needs from a connection; keeps room.ts free of websocket details. */
export interface Peer {
	/** Awareness client ids this peer announced, removed for everyone when it leaves. */
	readonly awarenessIds: Set<number>;
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
}

/** Transaction origins; connections use themselves as origin. */
const FROM_SERVER = { kind: 'server' } as const;
const FROM_REMOTE = { kind: 'remote' } as const;

type Waiter = (error?: unknown) => void;

/**
 * One loaded document and everyone connected to it. The in-memory doc may run ahead of the store
 * by at most one batch; nothing derived from that batch leaves the process before it is durable.
 */
export class Room implements Committable {
	readonly name: string;
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Set<Peer>();
	logRows: number;
	logBytes: number;
	isCompacting = false;
	#leases = 0;
	#open: Uint8Array[] = [];
	#openWaiters: Waiter[] = [];
	#inflight: { update: Uint8Array; waiters: Waiter[] } | null = null;
	#fullState: Uint8Array | null = null;
	readonly #deps: RoomDeps;
	readonly #unsubscribe: () => void;

	constructor(name: string, stored: StoredDoc, deps: RoomDeps) {
		this.name = name;
		this.#deps = deps;
		this.logRows = stored.logRows;
		this.logBytes = stored.logBytes;
		this.doc.transact(() => stored.updates.forEach((update) => Y.applyUpdate(this.doc, update)));
		// Registered after loading, so the stored state is not written back.
		this.doc.on('update', (update: Uint8Array, origin: unknown) =>
			this.#onDocUpdate(update, origin)
		);
		this.awareness = new awarenessProtocol.Awareness(this.doc);
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
		return this.#open.length > 0 || this.#inflight !== null;
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
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
		awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
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

	/** Throws on a malformed update; the caller closes that one connection. */
	applyClientUpdate(update: Uint8Array, peer: Peer): void {
		Y.applyUpdate(this.doc, update, peer);
		const store = this.doc.store;
		// Content waiting for missing dependencies is not in the update event, but a fresh client
		// would receive it in sync step 2, so store the raw update too.
		if (store.pendingStructs || store.pendingDs) {
			this.#enqueue(update);
		}
	}

	/** Answers sync step 1; computed now, sent once everything it contains is durable. */
	replyToSyncStep1(peer: Peer, stateVector: Uint8Array, isEmpty: boolean): void {
		const message = isEmpty
			? this.#fullStateMessage()
			: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
		this.#afterDurable((error) => {
			if (!error) {
				peer.send(message);
			}
		});
	}

	applyAwareness(update: Uint8Array, peer: Peer): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
	}

	sendAwarenessStates(peer: Peer): void {
		const ids = [...this.awareness.getStates().keys()];
		peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
	}

	/** In-process write through the same durable path as client updates. */
	async write<T>(fn: (doc: Y.Doc) => T): Promise<T> {
		const release = this.lease();
		try {
			let result!: T;
			this.doc.transact(() => (result = fn(this.doc)), FROM_SERVER);
			await this.flush();
			return result;
		} finally {
			release();
		}
	}

	flush(): Promise<void> {
		return new Promise((resolve, reject) =>
			this.#afterDurable((error) => (error ? reject(error) : resolve()))
		);
	}

	takeBatch(): Uint8Array | null {
		if (this.#open.length === 0) {
			return null;
		}
		const update = this.#open.length === 1 ? this.#open[0]! : Y.mergeUpdates(this.#open);
		this.#inflight = { update, waiters: this.#openWaiters };
		this.#open = [];
		this.#openWaiters = [];
		return update;
	}

	committed(): void {
		const batch = this.#inflight;
		this.#inflight = null;
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
		const waiters = [...(this.#inflight?.waiters ?? []), ...this.#openWaiters];
		this.#inflight = null;
		this.#open = [];
		this.#openWaiters = [];
		waiters.forEach((waiter) => waiter(error));
	}

	destroy(): void {
		this.#unsubscribe();
		this.awareness.destroy();
		this.doc.destroy();
	}

	#afterDurable(waiter: Waiter): void {
		if (this.#open.length > 0) {
			this.#openWaiters.push(waiter);
		} else if (this.#inflight) {
			this.#inflight.waiters.push(waiter);
		} else {
			waiter();
		}
	}

	#enqueue(update: Uint8Array): void {
		this.#open.push(update);
		this.#deps.commits.markDirty(this);
	}

	#fullStateMessage(): Uint8Array {
		this.#fullState ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
		return this.#fullState;
	}

	#onDocUpdate(update: Uint8Array, origin: unknown): void {
		this.#fullState = null;
		if (origin === FROM_REMOTE) {
			// Already durable in the instance that published it.
			const message = encodeUpdate(update);
			this.peers.forEach((peer) => peer.send(message));
			return;
		}
		this.#enqueue(update);
	}

	#onAwarenessUpdate(change: AwarenessChange, origin: unknown): void {
		const { added, updated, removed } = change;
		if (origin && this.peers.has(origin as Peer)) {
			const ids = (origin as Peer).awarenessIds;
			added.concat(updated).forEach((id) => ids.add(id));
			removed.forEach((id) => ids.delete(id));
		}
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
			Y.applyUpdate(this.doc, message.update, FROM_REMOTE);
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
