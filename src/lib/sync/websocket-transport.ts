import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Emitter } from './emitter';
import type {
	ConnectDocTransport,
	ConnectionState,
	DocTransport,
	TransportEvents
} from './transport';

export interface WebsocketTransportOptions {
	/** `ws(s)://<host>/sync`; the document name is appended as the room. */
	serverUrl: string;
	/** Query parameters for the upgrade (tests authenticate with `?token=`; the app uses the cookie). */
	params?: Record<string, string>;
	/** Node has no global WebSocket before v22: tests pass `ws`. */
	WebSocketPolyfill?: typeof globalThis.WebSocket;
	/** Same-process tests must sync through the server, not through BroadcastChannel. */
	disableBc?: boolean;
	maxBackoffTime?: number;
}

/** The sync endpoint on this page's own origin (the session cookie authenticates it). */
export function sameOriginSyncUrl(location: { protocol: string; host: string }): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

type SyncHandler = WebsocketProvider['messageHandlers'][number];

/**
 * DocTransport over the stock y-websocket client. The provider hides what the server sends, so
 * its sync message handler is wrapped to read each message from a copy of the decoder first:
 * the server's state vector (step 1) and every update it sends, including the echo of our own
 * updates that the server sends once they are durable, are what confirms local changes.
 */
class WebsocketTransport implements DocTransport {
	#provider: WebsocketProvider;
	#events = new Emitter<TransportEvents>();
	#state: ConnectionState = 'disconnected';

	constructor(
		options: WebsocketTransportOptions,
		target: { docName: string; doc: Y.Doc; awareness?: Awareness }
	) {
		const { docName, doc, awareness } = target;
		this.#provider = new WebsocketProvider(options.serverUrl, docName, doc, {
			connect: false,
			...(awareness ? { awareness } : {}),
			params: options.params ?? {},
			disableBc: options.disableBc ?? false,
			maxBackoffTime: options.maxBackoffTime ?? 10_000,
			...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
		});
		this.#wrapSyncHandler();
		this.#provider.on('status', ({ status }) => this.#setState(status));
		this.#provider.on('sync', (synced: boolean) => this.#events.emit('synced', synced));
		this.#provider.on('connection-close', (event) => {
			// A failed attempt never reports 'disconnected' through 'status', only this event.
			this.#setState('disconnected');
			if (event) {
				this.#events.emit('server-close', event.code, event.reason);
			}
		});
	}

	get state(): ConnectionState {
		return this.#state;
	}

	get synced(): boolean {
		return this.#provider.synced;
	}

	on<K extends keyof TransportEvents>(event: K, fn: TransportEvents[K]): () => void {
		return this.#events.on(event, fn);
	}

	connect(): void {
		this.#provider.connect();
	}

	disconnect(): void {
		this.#provider.disconnect();
		this.#setState('disconnected');
	}

	destroy(): void {
		this.#provider.destroy();
		this.#events.clear();
	}

	#setState(state: ConnectionState): void {
		if (state !== this.#state) {
			this.#state = state;
			this.#events.emit('state', state);
		}
	}

	#wrapSyncHandler(): void {
		const original = this.#provider.messageHandlers[messageSync] as SyncHandler;
		this.#provider.messageHandlers[messageSync] = (
			encoder,
			decoder,
			provider,
			fromServer,
			type
		) => {
			// `fromServer` is y-websocket's emitSynced flag: false for BroadcastChannel messages from
			// other tabs, which say nothing about what the server holds.
			if (fromServer) {
				this.#peek(decoder);
			}
			original(encoder, decoder, provider, fromServer, type);
		};
	}

	#peek(decoder: decoding.Decoder): void {
		let kind: number;
		let payload: Uint8Array;
		try {
			const copy = decoding.createDecoder(decoder.arr);
			copy.pos = decoder.pos;
			kind = decoding.readVarUint(copy);
			payload = decoding.readVarUint8Array(copy);
		} catch {
			return; // Malformed: the original handler reports it.
		}
		if (kind === messageYjsSyncStep1) {
			this.#events.emit('server-state-vector', Y.decodeStateVector(payload));
		} else if (kind === messageYjsSyncStep2 || kind === messageYjsUpdate) {
			this.#events.emit('server-update', payload);
		}
	}
}

export function websocketTransport(options: WebsocketTransportOptions): ConnectDocTransport {
	return (docName, doc, awareness) => new WebsocketTransport(options, { docName, doc, awareness });
}
