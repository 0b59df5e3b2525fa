import type { CallPresence } from './call-presence';
import type { CallSession } from './call-session.svelte';
import type { CallMode, CoachCall as CoachCallField } from './call-state';
import type { LocalMedia } from './local-media.svelte';
import { mayRetry, reconnectDelay } from './reconnect';
import { silentAudioStream } from './silent-stream';

/** check: on the device check · in-call: joined (calling or talking to the client) · ended. */
export type CoachPhase = 'check' | 'joining' | 'in-call' | 'ended';

/** What the record page needs after the coach ends the session. */
export interface CallRecord {
	readonly kind: CallMode;
	readonly startedAt: number;
	readonly endedAt: number;
}

/** A call that does not connect within this long is dropped and placed again. */
const CONNECT_TIMEOUT_MS = 20_000;

export interface CoachCallParts {
	presence: CallPresence;
	media: LocalMedia;
	session: CallSession;
	mode: CallMode;
	now?: () => number;
}

/**
 * The coach's side of a session: only the coach places calls. Publishes "starting" while on
 * the device check (so the client is told), then calls whichever peer id the client publishes
 * from the waiting room, and calls again after a drop, backing off.
 *
 *     const call = new CoachCall({ presence, media, session, mode: 'video' });
 *     await call.join();
 *     const record = call.end(); // → the record page
 */
export class CoachCall {
	readonly media: LocalMedia;
	readonly session: CallSession;
	#presence: CallPresence;
	#now: () => number;
	#startMode: CallMode;
	#mode = $state<CallMode>('video');
	#phase = $state<CoachPhase>('check');
	#startedAt = $state<number | null>(null);
	/** The client's published id the server said nobody holds (a reload left it behind). */
	#unavailable = $state<string | null>(null);
	#attempts = 0;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#watchdog: ReturnType<typeof setTimeout> | null = null;
	#silent: MediaStream | null = null;
	#offs: (() => void)[] = [];

	constructor(parts: CoachCallParts) {
		this.media = parts.media;
		this.session = parts.session;
		this.#presence = parts.presence;
		this.#now = parts.now ?? Date.now;
		this.#startMode = parts.mode;
		this.#mode = parts.mode;
		this.#publish('starting');
	}

	get phase(): CoachPhase {
		return this.#phase;
	}
	get mode(): CallMode {
		return this.#mode;
	}
	get startedAt(): number | null {
		return this.#startedAt;
	}
	/**
	 * The client is in the waiting room or the call: their published peer id is one the
	 * signalling server can reach (their presence can outlive a closed tab for a while).
	 */
	get clientPresent(): boolean {
		const client = this.#presence.client;
		return client !== null && client.peerId !== this.#unavailable;
	}
	/** The client sends video (they may have joined audio only or without a camera). */
	get clientSendsVideo(): boolean {
		const client = this.#presence.client;
		return client !== null && client.mode !== 'audio';
	}

	/** Leaves the device check: gets a peer id, then calls the client as soon as they are there. */
	async join(): Promise<void> {
		this.#phase = 'joining';
		const peerId = await this.session.open();
		if (this.#phase !== 'joining') {
			return;
		}
		if (!peerId) {
			this.#phase = 'check';
			return;
		}
		this.#startedAt = this.#now();
		this.#phase = 'in-call';
		this.#publish('in-call');
		this.#offs.push(
			this.#presence.onChange(() => this.#maybeCall()),
			this.session.on('connection', (state) => this.#onConnection(state)),
			this.session.on('unavailable', (peerId) => this.#onUnavailable(peerId)),
			// Signalling is back, maybe under a new id: tell the client, place a waiting call.
			this.session.on('signalling', () => {
				this.#publish('in-call');
				this.#maybeCall();
			})
		);
		this.#maybeCall();
	}

	async switchToAudio(): Promise<void> {
		this.media.dropVideo();
		await this.session.replaceVideo(null);
		this.#mode = 'audio';
		this.#publish(this.#phase === 'in-call' ? 'in-call' : 'starting');
	}

	/** Ends the session for both sides; returns what to record. */
	end(): CallRecord {
		const endedAt = this.#now();
		const record = { kind: this.#startMode, startedAt: this.#startedAt ?? endedAt, endedAt };
		this.#publish('ended');
		this.#phase = 'ended';
		this.#teardown();
		return record;
	}

	/** The page went away: stop everything and withdraw the call state. */
	destroy(): void {
		this.#phase = 'ended';
		this.#teardown();
		this.#presence.leave();
	}

	/** `retrying`: the backoff timer may try an id the server called unavailable once more. */
	#maybeCall(retrying = false): void {
		const client = this.#presence.client;
		if (client && this.#unavailable !== null && client.peerId !== this.#unavailable) {
			// The client is back under a new id: no need to wait for the backoff.
			this.#clearRetry();
		}
		if (this.#phase !== 'in-call' || !client || this.#retry !== null) {
			return;
		}
		// Wait for the client to publish a new id instead of calling the stale one again.
		if (client.peerId === this.#unavailable && !retrying) {
			return;
		}
		const status = this.session.status;
		const busy = status === 'calling' || status === 'connected' || status === 'reconnecting';
		if (busy && this.session.remotePeerId === client.peerId) {
			return;
		}
		const stream = this.media.stream ?? (this.#silent ??= silentAudioStream());
		if (!this.session.call(client.peerId, stream, { receiveVideo: this.#mode === 'video' })) {
			return; // Signalling is down: its 'signalling' event brings us back here.
		}
		if (client.peerId !== this.#unavailable) {
			this.#unavailable = null;
		}
		this.#clearWatchdog();
		this.#watchdog = setTimeout(() => {
			this.#watchdog = null;
			if (this.session.status !== 'connected') {
				this.#onConnection('closed');
			}
		}, CONNECT_TIMEOUT_MS);
	}

	#onConnection(state: 'connected' | 'closed'): void {
		if (state === 'connected') {
			this.#attempts = 0;
			this.#unavailable = null;
			this.#clearWatchdog();
			return;
		}
		this.#scheduleRetry();
	}

	/**
	 * The server does not know the client's id (PeerJS `peer-unavailable`): say "Waiting for …
	 * to join" at once rather than after the 20 s watchdog, and call as soon as the client's
	 * presence publishes a new id. A slow backoff still retries the same id, in case the
	 * client's signalling comes back under it.
	 */
	#onUnavailable(peerId: string): void {
		this.#clearWatchdog();
		this.#unavailable = peerId;
		this.#scheduleRetry();
	}

	#scheduleRetry(): void {
		if (this.#phase !== 'in-call' || this.#retry !== null || !mayRetry(this.#attempts)) {
			return;
		}
		this.#retry = setTimeout(() => {
			this.#retry = null;
			this.#maybeCall(true);
		}, reconnectDelay(this.#attempts++));
	}

	#publish(state: CoachCallField['state']): void {
		this.#presence.publish({
			role: 'coach',
			state,
			mode: this.#mode,
			peerId: state === 'in-call' ? this.session.peerId : null,
			startedAt: this.#startedAt
		});
	}

	#clearRetry(): void {
		if (this.#retry !== null) {
			clearTimeout(this.#retry);
			this.#retry = null;
		}
	}

	#clearWatchdog(): void {
		if (this.#watchdog !== null) {
			clearTimeout(this.#watchdog);
			this.#watchdog = null;
		}
	}

	#teardown(): void {
		this.#offs.forEach((off) => off());
		this.#offs = [];
		this.#clearRetry();
		this.#clearWatchdog();
		this.session.hangUp();
		this.media.stop();
		this.#silent?.getTracks().forEach((track) => track.stop());
	}
}
