import type { MediaConnection, Peer } from 'peerjs';
import { Emitter } from '../sync/emitter';
import { opened } from './peer-connect';
import type { IssuedPeer } from '../api/calls';
import { mayRetry, reconnectDelay } from './reconnect';

/** Reconnects with the same id this many times before asking the server for a new one. */
const SAME_ID_ATTEMPTS = 3;

/** Why signalling could not be had, as data (messages live in call-status-text.ts). */
export type SignallingProblem =
	/** POST /api/calls/peer failed: signed out, offline, or the server refused. */
	| 'no-peer-id'
	/** The signalling connection could not be (re)opened. */
	| 'signalling-lost';

export type SignallingEvents = {
	/** Signalling is (again) open under `peerId`; a new id must be published again. */
	open: (peerId: string) => void;
	/** An incoming call (the server relays these only from the coach to the client). */
	call: (connection: MediaConnection) => void;
	/** Gave up: no signalling, no new calls. */
	lost: () => void;
	/** The server does not know `peerId` (PeerJS `peer-unavailable`): a call to it cannot connect. */
	unavailable: (peerId: string) => void;
};

/** PeerJS names the id only in the message: "Could not connect to peer <id>". */
export function unavailablePeerId(error: { type?: unknown; message?: unknown }): string | null {
	if (error.type !== 'peer-unavailable' || typeof error.message !== 'string') {
		return null;
	}
	return /^Could not connect to peer (\S+)$/.exec(error.message)?.[1] ?? null;
}

/**
 * The PeerJS signalling connection: the one bridge to a Peer's own events. When the websocket
 * drops it reconnects with the same id, backing off; when that keeps failing (the server
 * restarted and forgot its ids), it asks for a new id. A call already flowing keeps its old
 * Peer until it ends, because destroying a Peer closes its calls.
 */
export class Signalling {
	#requestPeer: () => Promise<IssuedPeer>;
	#createPeer: (issued: IssuedPeer) => Promise<Peer>;
	#peer: Peer | null = null;
	#retired: Peer[] = [];
	#peerId = $state<string | null>(null);
	#down = $state(false);
	#attempts = 0;
	#renewals = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#events = new Emitter<SignallingEvents>();
	#closed = false;

	constructor(options: {
		requestPeer: () => Promise<IssuedPeer>;
		createPeer: (issued: IssuedPeer) => Promise<Peer>;
	}) {
		this.#requestPeer = options.requestPeer;
		this.#createPeer = options.createPeer;
	}

	get peer(): Peer | null {
		return this.#peer;
	}
	get peerId(): string | null {
		return this.#peerId;
	}
	/** Signalling is down and being retried (media already flowing is unaffected). */
	get down(): boolean {
		return this.#down;
	}

	on<K extends keyof SignallingEvents>(event: K, fn: SignallingEvents[K]): () => void {
		return this.#events.on(event, fn);
	}

	/** Gets an id from the server and opens signalling with it. */
	async open(): Promise<{ peerId: string } | { problem: SignallingProblem }> {
		let peer: Peer;
		try {
			peer = await this.#createPeer(await this.#requestPeer());
		} catch {
			return { problem: 'no-peer-id' };
		}
		if (this.#closed || !(await this.#adopt(peer))) {
			peer.destroy();
			return { problem: 'signalling-lost' };
		}
		return { peerId: peer.id };
	}

	/** The call that kept an old Peer alive has ended: that Peer can go. */
	releaseRetired(): void {
		this.#retired.splice(0).forEach((peer) => peer.destroy());
	}

	close(): void {
		this.#closed = true;
		this.#clearTimer();
		this.releaseRetired();
		this.#peer?.destroy();
		this.#peer = null;
		this.#events.clear();
	}

	async #adopt(peer: Peer): Promise<boolean> {
		this.#listen(peer);
		// Publish an id only once the server knows it: a call to an unregistered id fails.
		if (!(await opened(peer))) {
			return false;
		}
		this.#peer = peer;
		this.#peerId = peer.id;
		return true;
	}

	#listen(peer: Peer): void {
		const current = () => peer === this.#peer && !this.#closed;
		peer.on('call', (connection) =>
			current() ? this.#events.emit('call', connection) : connection.close()
		);
		peer.on('open', (id) => {
			if (current() && this.#down) {
				this.#attempts = 0;
				this.#down = false;
				this.#events.emit('open', id);
			}
		});
		peer.on('error', (error) => {
			const unavailable = current() ? unavailablePeerId(error) : null;
			if (unavailable !== null) {
				this.#events.emit('unavailable', unavailable);
			}
		});
		peer.on('disconnected', () => current() && this.#retry(peer));
		peer.on('close', () => current() && this.#retry(peer));
	}

	#retry(peer: Peer): void {
		this.#down = true;
		this.#clearTimer();
		const sameId = this.#attempts < SAME_ID_ATTEMPTS && !peer.destroyed;
		const attempt = sameId ? this.#attempts++ : this.#renewals++;
		if (!sameId && !mayRetry(attempt)) {
			this.#events.emit('lost');
			return;
		}
		this.#timer = setTimeout(() => {
			if (this.#closed || peer !== this.#peer) {
				return;
			}
			if (sameId && peer.disconnected && !peer.destroyed) {
				peer.reconnect();
			} else {
				void this.#renew(peer);
			}
		}, reconnectDelay(attempt));
	}

	/** A new id from the server; the old Peer stays until its call ends (`releaseRetired`). */
	async #renew(old: Peer): Promise<void> {
		let peer: Peer | null = null;
		try {
			peer = await this.#createPeer(await this.#requestPeer());
		} catch {
			// Offline or signed out for now: counted as one more failed attempt.
		}
		if (this.#closed || old !== this.#peer) {
			peer?.destroy();
			return;
		}
		if (!peer || !(await this.#adopt(peer))) {
			peer?.destroy();
			this.#retry(old);
			return;
		}
		this.#retired.push(old);
		this.#attempts = 0;
		this.#renewals = 0;
		this.#down = false;
		this.#events.emit('open', peer.id);
	}

	#clearTimer(): void {
		if (this.#timer !== null) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
	}
}
