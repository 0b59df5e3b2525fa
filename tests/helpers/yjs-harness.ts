/**
 * An in-memory network of Yjs replicas for convergence tests, in the spirit of yjs's own
 * TestConnector: every local update is queued to each connected peer and delivered in a random
 * order chosen by a seeded PRNG, so a failing run replays exactly from its seed.
 *
 * Beyond delivery order it models what a Tandem device goes through: losing the connection
 * (in-flight messages are dropped; on reconnect peers exchange state-vector diffs, like
 * y-websocket's sync step 1/2), restarting from IndexedDB (fake-indexeddb + y-indexeddb, the
 * old Y.Doc destroyed) and compaction (the doc replaced by one loaded from its own snapshot).
 */
import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { remoteOrigin, toTxOrigin } from '../../src/lib/docs/origin';

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [0, max). */
	int(max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough to shuffle test events. */
export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	const int = (max: number) => Math.floor(next() * max);
	return {
		next,
		int,
		pick: <T>(items: readonly T[]) => {
			if (items.length === 0) {
				throw new Error('pick from an empty list');
			}
			return items[int(items.length)] as T;
		},
		chance: (probability) => next() < probability
	};
}

export interface HarnessPeer {
	readonly index: number;
	/** Replaced on restart and compaction: always read it fresh from the peer. */
	readonly doc: Y.Doc;
	readonly isConnected: boolean;
	/** Updates waiting to be delivered to this peer. */
	readonly inboxSize: number;
}

/** Runs after `converge()` has delivered everything; throw to fail the test. */
export type ConvergenceCheck = (peers: readonly HarnessPeer[]) => void | Promise<void>;

export interface HarnessOptions {
	peers: number;
	rng: Rng;
	/** Unique per harness: prefixes the peers' IndexedDB database names. */
	name: string;
	/** Applied to every freshly loaded doc (start, restart, compaction), e.g. migrations. */
	prepare?: (doc: Y.Doc) => void;
	/** Extra invariants checked after every convergence, after the built-in identity check. */
	afterConverge?: readonly ConvergenceCheck[];
}

class Peer implements HarnessPeer {
	doc!: Y.Doc;
	persistence!: IndexeddbPersistence;
	dbName = '';
	isConnected = true;
	inbox: Uint8Array[] = [];
	generation = 0;

	constructor(readonly index: number) {}

	get inboxSize(): number {
		return this.inbox.length;
	}
}

export class YjsHarness {
	readonly #options: HarnessOptions;
	readonly #peers: Peer[];
	readonly #usedClientIds = new Set<number>();

	private constructor(options: HarnessOptions) {
		this.#options = options;
		this.#peers = Array.from({ length: options.peers }, (_, index) => new Peer(index));
	}

	static async create(options: HarnessOptions): Promise<YjsHarness> {
		const harness = new YjsHarness(options);
		for (const peer of harness.#peers) {
			await harness.#load(peer, { dbName: harness.#dbName(peer, 1) });
		}
		return harness;
	}

	get peers(): readonly HarnessPeer[] {
		return this.#peers;
	}

	get pendingMessages(): number {
		return this.#peers.reduce((sum, peer) => sum + peer.inbox.length, 0);
	}

	/** A fresh doc with a clientID drawn from the seed, so replays resolve conflicts identically. */
	#newDoc(): Y.Doc {
		const doc = new Y.Doc();
		let id = 1 + this.#options.rng.int(2 ** 31 - 2);
		while (this.#usedClientIds.has(id)) {
			id = 1 + this.#options.rng.int(2 ** 31 - 2);
		}
		this.#usedClientIds.add(id);
		doc.clientID = id;
		return doc;
	}

	#dbName(peer: Peer, generation: number): string {
		peer.generation = generation;
		return `${this.#options.name}-peer${peer.index}-gen${generation}`;
	}

	async #load(peer: Peer, from: { dbName: string; snapshot?: Uint8Array }): Promise<void> {
		const doc = this.#newDoc();
		if (from.snapshot) {
			Y.applyUpdate(doc, from.snapshot, remoteOrigin);
		}
		peer.dbName = from.dbName;
		peer.persistence = new IndexeddbPersistence(peer.dbName, doc);
		await peer.persistence.whenSynced;
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			// Only this replica's own writes are broadcast: every peer gets every update directly,
			// and reconnecting peers catch up through state vectors. Remote covers more than our
			// deliveries: IndexedDB loads, and Yjs re-applying once-pending updates with origin null.
			if (toTxOrigin(origin).kind === 'remote' || !peer.isConnected) {
				return;
			}
			for (const other of this.#peers) {
				if (other !== peer && other.isConnected) {
					other.inbox.push(update);
				}
			}
		});
		peer.doc = doc;
		this.#options.prepare?.(doc);
	}

	#peer(peer: HarnessPeer): Peer {
		const found = this.#peers[peer.index];
		if (!found || found !== peer) {
			throw new Error('not a peer of this harness');
		}
		return found;
	}

	/** Delivers one queued update, chosen at random among all peers' inboxes. */
	deliverOne(): boolean {
		const waiting = this.#peers.filter((peer) => peer.inbox.length > 0);
		if (waiting.length === 0) {
			return false;
		}
		const peer = this.#options.rng.pick(waiting);
		const [update] = peer.inbox.splice(this.#options.rng.int(peer.inbox.length), 1);
		Y.applyUpdate(peer.doc, update!, remoteOrigin);
		return true;
	}

	deliver(count: number): void {
		for (let i = 0; i < count && this.deliverOne(); i++) {
			// deliverOne does the work
		}
	}

	/** The connection drops: whatever was in flight to this peer is lost. */
	disconnect(handle: HarnessPeer): void {
		const peer = this.#peer(handle);
		peer.isConnected = false;
		peer.inbox = [];
	}

	/** Sync step 1/2 with every connected peer: each side sends what the other lacks. */
	reconnect(handle: HarnessPeer): void {
		const peer = this.#peer(handle);
		if (peer.isConnected) {
			return;
		}
		peer.isConnected = true;
		for (const other of this.#peers) {
			if (other === peer || !other.isConnected) {
				continue;
			}
			other.inbox.push(Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc)));
			peer.inbox.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)));
		}
	}

	/**
	 * The app is closed and reopened: the Y.Doc is destroyed and a fresh one is loaded from
	 * IndexedDB. Fails if anything the old doc knew did not survive the round trip.
	 */
	async restart(handle: HarnessPeer): Promise<void> {
		const peer = this.#peer(handle);
		const wasConnected = peer.isConnected;
		this.disconnect(peer);
		const before = Y.encodeStateVector(peer.doc);
		const dbName = peer.dbName;
		const persistence = peer.persistence;
		peer.doc.destroy();
		await persistence.destroy();
		await this.#load(peer, { dbName });
		assertSameVector(before, peer.doc, `peer ${peer.index} after restart`);
		if (wasConnected) {
			this.reconnect(peer);
		}
	}

	/** The doc is replaced by one built from its own snapshot (and a fresh IndexedDB). */
	async compact(handle: HarnessPeer): Promise<void> {
		const peer = this.#peer(handle);
		const snapshot = Y.encodeStateAsUpdate(peer.doc);
		const before = Y.encodeStateVector(peer.doc);
		const old = peer.doc;
		await peer.persistence.clearData();
		old.destroy();
		await this.#load(peer, { dbName: this.#dbName(peer, peer.generation + 1), snapshot });
		assertSameVector(before, peer.doc, `peer ${peer.index} after compaction`);
	}

	/**
	 * Reconnects everyone, delivers every queued update in random order, then checks that all
	 * replicas are identical and runs the extra checks.
	 */
	async converge(describe: (doc: Y.Doc) => unknown): Promise<void> {
		for (const peer of this.#peers) {
			this.reconnect(peer);
		}
		// Bounded: each delivery shrinks the queues, and delivering never enqueues more.
		const limit = this.pendingMessages;
		this.deliver(limit);
		if (this.pendingMessages > 0) {
			throw new Error(`${this.pendingMessages} updates still queued after delivery`);
		}
		assertIdentical(this.#peers, describe);
		for (const check of this.#options.afterConverge ?? []) {
			await check(this.#peers);
		}
	}

	async destroy(): Promise<void> {
		for (const peer of this.#peers) {
			peer.doc.destroy();
			await peer.persistence.clearData();
		}
	}
}

function assertSameVector(before: Uint8Array, doc: Y.Doc, what: string): void {
	const after = Y.encodeStateVector(doc);
	if (!equalBytes(before, after)) {
		throw new Error(`${what}: state vector changed, data was lost`);
	}
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** JSON with object keys sorted: Y.Map key order depends on integration order. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
			const record = inner as Record<string, unknown>;
			return Object.fromEntries(
				Object.keys(record)
					.sort()
					.map((key) => [key, record[key]])
			);
		}
		return inner;
	});
}

function assertIdentical(peers: readonly Peer[], describe: (doc: Y.Doc) => unknown): void {
	const [first, ...rest] = peers;
	if (!first) {
		return;
	}
	const vector = Y.encodeStateVector(first.doc);
	const json = canonicalJson(describe(first.doc));
	for (const peer of [first, ...rest]) {
		if (peer.doc.store.pendingStructs || peer.doc.store.pendingDs) {
			throw new Error(`peer ${peer.index} still has pending updates it cannot integrate`);
		}
	}
	for (const peer of rest) {
		if (!equalBytes(vector, Y.encodeStateVector(peer.doc))) {
			throw new Error(`peer ${peer.index} has a different state vector than peer 0`);
		}
		const other = canonicalJson(describe(peer.doc));
		if (other !== json) {
			throw new Error(`peer ${peer.index} differs from peer 0:\n${other}\n---\n${json}`);
		}
	}
}
