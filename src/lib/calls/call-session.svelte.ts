import type { CallOption, MediaConnection, Peer } from 'peerjs';
import { Emitter } from '../sync/emitter';
import { browserPeer, opened } from './peer-connect';
import { requestPeerId, type IssuedPeer } from './peer-options';
import { mayRetry, reconnectDelay } from './reconnect';

/**
 * idle: nothing yet · connecting: getting a peer id and opening signalling · ready: signalling
 * open, no call · calling: a call is being set up · connected: media flows · reconnecting: the
 * call or signalling dropped and is being retried · ended: hung up · failed: gave up (see problem).
 */
export type CallStatus =
	'idle' | 'connecting' | 'ready' | 'calling' | 'connected' | 'reconnecting' | 'ended' | 'failed';

/** Why a call could not go on, as data (messages live in the components). */
export type CallProblem =
	/** POST /api/calls/peer failed: signed out, offline, or the server refused. */
	| 'no-peer-id'
	/** The signalling connection could not be (re)opened. */
	| 'signalling-lost';

export type CallSessionEvents = {
	/** The media connection opened (connected) or went away (closed, by either side or the network). */
	connection: (state: 'connected' | 'closed') => void;
};

export interface CallSessionOptions {
	requestPeer?: () => Promise<IssuedPeer>;
	createPeer?: (issued: IssuedPeer) => Promise<Peer>;
}

/** How long a call may stay ICE-disconnected before it is dropped and placed again. */
const STALL_MS = 8_000;

/**
 * One person's side of a call: the one bridge to PeerJS (Peer + MediaConnection events). The
 * coach `call()`s, the client `accept()`s; the server relays offers only from coach to client.
 *
 *     const session = new CallSession();
 *     const peerId = await session.open();
 *     session.call(clientPeerId, stream, { receiveVideo: true }); // or session.accept(() => stream)
 *     session.status; session.remoteStream; // reactive
 *     session.hangUp();
 */
export class CallSession {
	#options: Required<CallSessionOptions>;
	#peer: Peer | null = null;
	#connection: MediaConnection | null = null;
	#answerWith: (() => MediaStream | null) | null = null;
	#status = $state<CallStatus>('idle');
	#problem = $state<CallProblem | null>(null);
	#peerId = $state<string | null>(null);
	#remoteStream = $state.raw<MediaStream | null>(null);
	#signallingDown = $state(false);
	#signalAttempts = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stall: ReturnType<typeof setTimeout> | null = null;
	#events = new Emitter<CallSessionEvents>();
	#over = false;

	constructor(options: CallSessionOptions = {}) {
		this.#options = {
			requestPeer: options.requestPeer ?? (() => requestPeerId()),
			createPeer: options.createPeer ?? browserPeer
		};
	}

	get status(): CallStatus {
		return this.#status;
	}
	get problem(): CallProblem | null {
		return this.#problem;
	}
	get peerId(): string | null {
		return this.#peerId;
	}
	get remoteStream(): MediaStream | null {
		return this.#remoteStream;
	}
	/** Signalling is down (media may still flow); new calls wait for it to come back. */
	get signallingDown(): boolean {
		return this.#signallingDown;
	}
	/** The other side's peer id while a call is up or being set up. */
	get remotePeerId(): string | null {
		return this.#connection?.peer ?? null;
	}

	on<K extends keyof CallSessionEvents>(event: K, fn: CallSessionEvents[K]): () => void {
		return this.#events.on(event, fn);
	}

	/** Gets a peer id from the server and opens signalling; null (with `problem`) on failure. */
	async open(): Promise<string | null> {
		this.#status = 'connecting';
		let peer: Peer;
		try {
			peer = await this.#options.createPeer(await this.#options.requestPeer());
		} catch {
			this.#fail('no-peer-id');
			return null;
		}
		if (this.#over) {
			peer.destroy();
			return null;
		}
		this.#peer = peer;
		this.#listenToPeer(peer);
		// Publish the id only once the server knows it: a call to an id not yet registered is
		// answered with peer-unavailable.
		if (!(await opened(peer))) {
			this.#fail('signalling-lost');
			return null;
		}
		this.#peerId = peer.id;
		if (this.#status === 'connecting') {
			this.#status = 'ready';
		}
		return peer.id;
	}

	/** Answer every incoming call with this stream (null: listen only). */
	accept(stream: () => MediaStream | null): void {
		this.#answerWith = stream;
	}

	/** Calls `remotePeerId`, replacing any current call. */
	call(remotePeerId: string, stream: MediaStream, options: { receiveVideo: boolean }): void {
		const peer = this.#peer;
		if (!peer || this.#over) {
			return;
		}
		this.#dropConnection();
		// Offer to receive video even when sending none (a coach without a camera still sees
		// the client); PeerJS hands `constraints` to createOffer.
		const callOptions: CallOption & { constraints: RTCOfferOptions } = {
			constraints: { offerToReceiveAudio: true, offerToReceiveVideo: options.receiveVideo }
		};
		const connection = peer.call(remotePeerId, stream, callOptions);
		if (connection) {
			this.#status = 'calling';
			this.#adopt(connection);
		}
	}

	/** Sends `track` instead of the current video (null: stop sending video, e.g. audio only). */
	async replaceVideo(track: MediaStreamTrack | null): Promise<void> {
		const senders = this.#connection?.peerConnection?.getSenders() ?? [];
		const sender = senders.find((s) => s.track?.kind === 'video');
		await sender?.replaceTrack(track);
	}

	/** Ends this side for good: closes the call and signalling, releases the peer id. */
	hangUp(): void {
		this.#over = true;
		this.#clearTimer();
		this.#dropConnection();
		this.#peer?.destroy();
		this.#peer = null;
		this.#status = 'ended';
		this.#events.clear();
	}

	#listenToPeer(peer: Peer): void {
		peer.on('call', (connection) => this.#onIncoming(connection));
		peer.on('open', () => {
			this.#signalAttempts = 0;
			this.#signallingDown = false;
		});
		// Signalling dropped (network, server restart): media already flowing is unaffected,
		// but new calls need it, so reconnect with the same id.
		peer.on('disconnected', () => this.#retrySignalling(peer));
		peer.on('error', (error) => {
			if (error.type === 'peer-unavailable' && this.#connection?.peer) {
				// The other side's id is gone (they left or reloaded): drop this attempt; the
				// awareness field brings their new id.
				this.#dropConnection();
				this.#events.emit('connection', 'closed');
			}
		});
		peer.on('close', () => {
			if (!this.#over) {
				this.#fail('signalling-lost');
			}
		});
	}

	#retrySignalling(peer: Peer): void {
		if (this.#over || peer.destroyed) {
			return;
		}
		this.#signallingDown = true;
		if (!mayRetry(this.#signalAttempts)) {
			this.#fail('signalling-lost');
			return;
		}
		const delay = reconnectDelay(this.#signalAttempts++);
		this.#clearTimer();
		this.#timer = setTimeout(() => {
			if (!this.#over && peer.disconnected && !peer.destroyed) {
				peer.reconnect();
			}
		}, delay);
	}

	#onIncoming(connection: MediaConnection): void {
		if (!this.#answerWith || this.#over) {
			connection.close();
			return;
		}
		this.#dropConnection();
		this.#status = 'calling';
		this.#adopt(connection);
		const stream = this.#answerWith();
		connection.answer(stream ?? undefined);
	}

	#adopt(connection: MediaConnection): void {
		this.#connection = connection;
		connection.on('stream', (stream) => {
			if (this.#connection === connection) {
				this.#remoteStream = stream;
			}
		});
		connection.on('iceStateChanged', (state) => {
			if (this.#connection !== connection) {
				return;
			}
			if (state === 'connected' || state === 'completed') {
				this.#clearStall();
				this.#status = 'connected';
				this.#events.emit('connection', 'connected');
			} else if (state === 'disconnected') {
				// Often heals by itself within seconds. If not, drop the call: the coach calls
				// again (a fresh connection gathers fresh candidates) instead of waiting the
				// half-minute or more until the browser declares the connection failed.
				this.#status = 'reconnecting';
				this.#clearStall();
				this.#stall = setTimeout(() => {
					if (this.#connection === connection) {
						connection.close();
					}
				}, STALL_MS);
			}
		});
		connection.on('close', () => {
			if (this.#connection === connection) {
				this.#connection = null;
				this.#remoteStream = null;
				this.#status = this.#over ? 'ended' : 'reconnecting';
				this.#events.emit('connection', 'closed');
			}
		});
	}

	#clearStall(): void {
		if (this.#stall !== null) {
			clearTimeout(this.#stall);
			this.#stall = null;
		}
	}

	#dropConnection(): void {
		this.#clearStall();
		const connection = this.#connection;
		this.#connection = null;
		this.#remoteStream = null;
		connection?.close();
	}

	#fail(problem: CallProblem): void {
		this.#problem = problem;
		this.#status = 'failed';
	}

	#clearTimer(): void {
		if (this.#timer !== null) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
	}
}
