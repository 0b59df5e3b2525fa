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
 */
export class SyncHub {
	readonly docs = new Map<string, Y.Doc>();
	readonly #transports = new Set<HubTransport>();
	#online = true;
	readonly latencyMs: number;

	constructor(options: { latencyMs?: number } = {}) {
		this.latencyMs = options.latencyMs ?? 0;
	}

	readonly connect: ConnectDocTransport = (docName, doc) => {
		const transport = new HubTransport(this, docName, doc);
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
	#hub: SyncHub;
	#doc: Y.Doc;
	#events = new Emitter<TransportEvents>();
	#state: ConnectionState = 'disconnected';
	#synced = false;
	#wanted = false;

	constructor(hub: SyncHub, docName: string, doc: Y.Doc) {
		this.#hub = hub;
		this.docName = docName;
		this.#doc = doc;
		doc.on('update', this.#send);
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
