import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Emitter } from './emitter';
import type {
	ConnectDocTransport,
	ConnectionState,
	DocTransport,
	TransportEvents
} from './transport';

/**
 * An in-process stand-in for the sync server: one Y.Doc per name, updates relayed to every
 * connected transport INCLUDING the author (like the real server's durable echo), delivered
 * after `latencyMs` so tests can observe the in-between. `setOnline(false)` drops every
 * connection; `close(docName, code)` is the server closing sockets with a close code.
 * Awareness (presence) is relayed between the connected transports of a document, never stored,
 * and a dropped transport's presence disappears for the others, as with the real server.
 */
export class SyncHub {
	readonly docs = new Map<string, Y.Doc>();
	readonly #transports = new Set<HubTransport>();
	#online = true;
	readonly latencyMs: number;

	constructor(options: { latencyMs?: number } = {}) {
		this.latencyMs = options.latencyMs ?? 0;
	}

	readonly connect: ConnectDocTransport = (docName, doc, awareness) => {
		const transport = new HubTransport(this, { docName, doc, awareness: awareness ?? null });
		this.#transports.add(transport);
		return transport;
	};

	get online(): boolean {
		return this.#online;
	}

	serverDoc(name: string): Y.Doc {
		let doc = this.docs.get(name);
		if (!doc) {
			doc = new Y.Doc();
			doc.on('update', (update: Uint8Array) => this.#relay(name, update));
			this.docs.set(name, doc);
		}
		return doc;
	}

	setOnline(online: boolean): void {
		this.#online = online;
		for (const transport of this.#transports) {
			if (online) {
				transport.tryConnect();
			} else {
				transport.drop(null);
			}
		}
	}

	/** The server closes the document's connections with `code` (4401, 4403, 4410, 4503...). */
	close(docName: string, code: number, reason = ''): void {
		for (const transport of this.#transports) {
			if (transport.docName === docName) {
				transport.drop({ code, reason });
			}
		}
	}

	/** Runs `fn` after the simulated network latency. */
	later(fn: () => void): void {
		setTimeout(fn, this.latencyMs);
	}

	/** Delivers an awareness update from `from` to the other connected transports of its doc. */
	relayAwareness(from: HubTransport, update: Uint8Array): void {
		for (const transport of this.#transports) {
			if (transport !== from && transport.docName === from.docName) {
				this.later(() => transport.receiveAwareness(update));
			}
		}
	}

	/** Every connected peer's presence of `docName`, except `of`'s (what the server would send). */
	peersOf(of: HubTransport): HubTransport[] {
		return [...this.#transports].filter(
			(t) => t !== of && t.docName === of.docName && t.state === 'connected'
		);
	}

	forget(transport: HubTransport): void {
		this.#transports.delete(transport);
	}

	#relay(name: string, update: Uint8Array): void {
		for (const transport of this.#transports) {
			if (transport.docName === name && transport.state === 'connected') {
				this.later(() => transport.receive(update));
			}
		}
	}
}

class HubTransport implements DocTransport {
	readonly docName: string;
	readonly awareness: awarenessProtocol.Awareness | null;
	#hub: SyncHub;
	#doc: Y.Doc;
	#events = new Emitter<TransportEvents>();
	#state: ConnectionState = 'disconnected';
	#synced = false;
	#wanted = false;

	constructor(
		hub: SyncHub,
		target: { docName: string; doc: Y.Doc; awareness: awarenessProtocol.Awareness | null }
	) {
		this.#hub = hub;
		this.docName = target.docName;
		this.#doc = target.doc;
		this.awareness = target.awareness;
		this.#doc.on('update', this.#send);
		this.awareness?.on('update', this.#sendAwareness);
	}

	get state(): ConnectionState {
		return this.#state;
	}

	get synced(): boolean {
		return this.#synced;
	}

	on<K extends keyof TransportEvents>(event: K, fn: TransportEvents[K]): () => void {
		return this.#events.on(event, fn);
	}

	connect(): void {
		this.#wanted = true;
		this.tryConnect();
	}

	disconnect(): void {
		this.#wanted = false;
		this.drop(null);
	}

	destroy(): void {
		this.disconnect();
		this.#doc.off('update', this.#send);
		this.awareness?.off('update', this.#sendAwareness);
		this.#hub.forget(this);
		this.#events.clear();
	}

	tryConnect(): void {
		if (!this.#wanted || this.#state !== 'disconnected' || !this.#hub.online) {
			return;
		}
		this.#setState('connecting');
		this.#hub.later(() => this.#handshake());
	}

	drop(close: { code: number; reason: string } | null): void {
		if (this.#state === 'disconnected') {
			return;
		}
		this.#setState('disconnected');
		this.#setSynced(false);
		this.#leaveAwareness();
		if (close) {
			this.#events.emit('server-close', close.code, close.reason);
			// Like the stock client: 44xx means "do not come back"; anything else reconnects.
			if (close.code >= 4400 && close.code < 4500) {
				this.#wanted = false;
			} else {
				this.#hub.later(() => this.tryConnect());
			}
		}
	}

	receive(update: Uint8Array): void {
		if (this.#state === 'connected') {
			this.#events.emit('server-update', update);
			Y.applyUpdate(this.#doc, update, this);
		}
	}

	/** Same exchange as y-websocket: server step 1, our step 2 to the server, its step 2 to us. */
	#handshake(): void {
		if (this.#state !== 'connecting' || !this.#hub.online) {
			return;
		}
		const server = this.#hub.serverDoc(this.docName);
		this.#setState('connected');
		this.#events.emit('server-state-vector', Y.decodeStateVector(Y.encodeStateVector(server)));
		const forUs = Y.encodeStateAsUpdate(server, Y.encodeStateVector(this.#doc));
		Y.applyUpdate(server, Y.encodeStateAsUpdate(this.#doc, Y.encodeStateVector(server)), this);
		this.receive(forUs);
		this.#setSynced(true);
		this.#joinAwareness();
	}

	receiveAwareness(update: Uint8Array): void {
		if (this.#state === 'connected' && this.awareness) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, this);
		}
	}

	/** Announce ourselves and learn who is already here. */
	#joinAwareness(): void {
		if (!this.awareness) {
			return;
		}
		const ours = this.awareness;
		this.#hub.relayAwareness(this, awarenessProtocol.encodeAwarenessUpdate(ours, [ours.clientID]));
		for (const peer of this.#hub.peersOf(this)) {
			if (peer.awareness) {
				const theirs = peer.awareness;
				this.receiveAwareness(awarenessProtocol.encodeAwarenessUpdate(theirs, [theirs.clientID]));
			}
		}
	}

	/** Others forget us (the server does this when a socket closes); we forget them. */
	#leaveAwareness(): void {
		if (!this.awareness) {
			return;
		}
		const ours = this.awareness;
		for (const peer of this.#hub.peersOf(this)) {
			if (peer.awareness) {
				awarenessProtocol.removeAwarenessStates(peer.awareness, [ours.clientID], this);
			}
		}
		const others = [...ours.getStates().keys()].filter((id) => id !== ours.clientID);
		awarenessProtocol.removeAwarenessStates(ours, others, this);
	}

	#send = (update: Uint8Array, origin: unknown) => {
		if (origin !== this && this.#state === 'connected') {
			this.#hub.later(() => {
				if (this.#state === 'connected') {
					Y.applyUpdate(this.#hub.serverDoc(this.docName), update, this);
				}
			});
		}
	};

	#sendAwareness = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		if (origin === this || this.#state !== 'connected' || !this.awareness) {
			return;
		}
		// Like y-websocket: only our own client's changes go out; relayed states stay where they are.
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		if (changed.includes(this.awareness.clientID)) {
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
				this.awareness.clientID
			]);
			this.#hub.relayAwareness(this, update);
		}
	};

	#setState(state: ConnectionState): void {
		if (state !== this.#state) {
			this.#state = state;
			this.#events.emit('state', state);
		}
	}

	#setSynced(synced: boolean): void {
		if (synced !== this.#synced) {
			this.#synced = synced;
			this.#events.emit('synced', synced);
		}
	}
}
