import type { CallOption, MediaConnection, Peer } from 'peerjs';
import { Emitter } from '../sync/emitter';
import { browserPeer } from './peer-connect';
import type { IssuedPeer } from '../api/calls';
import { requestPeerId } from './peer-options';
import { Signalling, type SignallingProblem } from './signalling.svelte';

/**
 * idle: nothing yet · connecting: getting a peer id and opening signalling · ready: signalling
 * open, no call · calling: a call is being set up · connected: media flows · reconnecting: the
 * call dropped and is being retried · ended: hung up · failed: gave up (see problem).
 */
export type CallStatus =
	'idle' | 'connecting' | 'ready' | 'calling' | 'connected' | 'reconnecting' | 'ended' | 'failed';

/** Why a call could not go on, as data (messages live in call-status-text.ts). */
export type CallProblem = SignallingProblem;

export type CallSessionEvents = {
	/** The media connection opened (connected) or went away (closed, by either side or the network). */
	connection: (state: 'connected' | 'closed') => void;
	/** Signalling is open again, maybe under a new id: publish it again, place a pending call. */
	signalling: (peerId: string) => void;
	/** The peer just called is not connected to the server; the call was dropped at once. */
	unavailable: (peerId: string) => void;
};

export interface CallSessionOptions {
	requestPeer?: () => Promise<IssuedPeer>;
	createPeer?: (issued: IssuedPeer) => Promise<Peer>;
}

/** How long a call may stay ICE-disconnected before it is dropped and placed again. */
const STALL_MS = 8_000;

/**
 * One person's side of a call: the one bridge to PeerJS media connections (signalling is
 * Signalling's). The coach `call()`s, the client `accept()`s; the server relays offers only
 * from coach to client.
 *
 *     const session = new CallSession();
 *     const peerId = await session.open();
 *     session.call(clientPeerId, stream, { receiveVideo: true }); // or session.accept(() => stream)
 *     session.status; session.remoteStream; // reactive
 *     session.hangUp();
 */
export class CallSession {
	#signalling: Signalling;
	#connection: MediaConnection | null = null;
	#answerWith: (() => MediaStream | null) | null = null;
	#status = $state<CallStatus>('idle');
	#problem = $state<CallProblem | null>(null);
	#remoteStream = $state.raw<MediaStream | null>(null);
	#stall: ReturnType<typeof setTimeout> | null = null;
	#events = new Emitter<CallSessionEvents>();
	#over = false;

	constructor(options: CallSessionOptions = {}) {
		this.#signalling = new Signalling({
			requestPeer: options.requestPeer ?? (() => requestPeerId()),
			createPeer: options.createPeer ?? browserPeer
		});
		this.#signalling.on('call', (connection) => this.#onIncoming(connection));
		this.#signalling.on('open', (peerId) => {
			if (!this.#connection) {
				this.#signalling.releaseRetired();
			}
			this.#events.emit('signalling', peerId);
		});
		this.#signalling.on('lost', () => this.#fail('signalling-lost'));
		this.#signalling.on('unavailable', (peerId) => this.#onUnavailable(peerId));
	}

	get status(): CallStatus {
		return this.#status;
	}
	get problem(): CallProblem | null {
		return this.#problem;
	}
	get peerId(): string | null {
		return this.#signalling.peerId;
	}
	get remoteStream(): MediaStream | null {
		return this.#remoteStream;
	}
	/** Signalling is down (media may still flow); new calls wait for it to come back. */
	get signallingDown(): boolean {
		return this.#signalling.down;
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
		const opened = await this.#signalling.open();
		if (this.#over) {
			return null;
		}
		if ('problem' in opened) {
			this.#fail(opened.problem);
			return null;
		}
		this.#status = 'ready';
		return opened.peerId;
	}

	/** Answer every incoming call with this stream (null: listen only). */
	accept(stream: () => MediaStream | null): void {
		this.#answerWith = stream;
	}

	/** Calls `remotePeerId`, replacing any current call; false while signalling is down. */
	call(remotePeerId: string, stream: MediaStream, options: { receiveVideo: boolean }): boolean {
		const peer = this.#signalling.peer;
		if (!peer || peer.disconnected || this.#over) {
			return false;
		}
		this.#dropConnection();
		// Offer to receive video even when sending none (a coach without a camera still sees
		// the client); PeerJS hands `constraints` to createOffer.
		const callOptions: CallOption & { constraints: RTCOfferOptions } = {
			constraints: { offerToReceiveAudio: true, offerToReceiveVideo: options.receiveVideo }
		};
		const connection = peer.call(remotePeerId, stream, callOptions);
		if (!connection) {
			return false;
		}
		this.#status = 'calling';
		this.#adopt(connection);
		return true;
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
		this.#dropConnection();
		this.#signalling.close();
		this.#status = 'ended';
		this.#events.clear();
	}

	#onIncoming(connection: MediaConnection): void {
		if (!this.#answerWith || this.#over) {
			connection.close();
			return;
		}
		this.#dropConnection();
		this.#status = 'calling';
		this.#adopt(connection);
		connection.answer(this.#answerWith() ?? undefined);
	}

	#adopt(connection: MediaConnection): void {
		this.#connection = connection;
		connection.on('stream', (stream) => {
			if (this.#connection === connection) {
				this.#remoteStream = stream;
			}
		});
		connection.on('iceStateChanged', (state) => {
			if (this.#connection === connection) {
				this.#onIceState(connection, state);
			}
		});
		connection.on('close', () => {
			if (this.#connection === connection) {
				this.#connection = null;
				this.#remoteStream = null;
				this.#clearStall();
				this.#signalling.releaseRetired();
				this.#status = this.#over ? 'ended' : 'reconnecting';
				this.#events.emit('connection', 'closed');
			}
		});
	}

	/** Nobody is there to answer: drop the pending call now instead of waiting it out. */
	#onUnavailable(peerId: string): void {
		if (this.#over || this.#connection?.peer !== peerId) {
			return;
		}
		this.#dropConnection();
		this.#status = 'ready';
		this.#events.emit('unavailable', peerId);
	}

	#onIceState(connection: MediaConnection, state: RTCIceConnectionState): void {
		if (state === 'connected' || state === 'completed') {
			this.#clearStall();
			this.#status = 'connected';
			this.#events.emit('connection', 'connected');
		} else if (state === 'disconnected') {
			// Often heals by itself within seconds. If not, drop the call: the coach calls again
			// (a fresh connection gathers fresh candidates) instead of waiting the half-minute or
			// more until the browser declares the connection failed.
			this.#status = 'reconnecting';
			this.#clearStall();
			this.#stall = setTimeout(() => {
				if (this.#connection === connection) {
					connection.close();
				}
			}, STALL_MS);
		}
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
}
