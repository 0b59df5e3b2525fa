import type { CallPresence } from './call-presence';
import type { CallSession } from './call-session.svelte';
import type { CallMode, CoachCall } from './call-state';
import type { LocalMedia } from './local-media.svelte';

/**
 * check: device check · joining: getting a peer id · waiting: in the waiting room until the
 * coach calls · in-call · reconnecting: the call dropped, the coach will call again · ended:
 * the coach ended the session · left: this person left.
 */
export type ClientPhase =
	'check' | 'joining' | 'waiting' | 'in-call' | 'reconnecting' | 'ended' | 'left';

/**
 * The client's side of a session. The client never places a call: joining publishes a peer id
 * in the waiting room, and the coach's call to it is answered automatically.
 *
 *     const call = new ClientCall({ presence, media, session });
 *     await call.join();   // waiting room
 *     call.phase;          // 'waiting' → 'in-call' once the coach is in
 *     call.leave();
 */
export class ClientCall {
	readonly media: LocalMedia;
	readonly session: CallSession;
	#presence: CallPresence;
	#phase = $state<ClientPhase>('check');
	#offs: (() => void)[] = [];

	constructor(parts: { presence: CallPresence; media: LocalMedia; session: CallSession }) {
		this.media = parts.media;
		this.session = parts.session;
		this.#presence = parts.presence;
		// From the device check on: an audio session releases the camera before joining.
		this.#offs.push(this.#presence.onChange(() => this.#onCoach()));
	}

	get phase(): ClientPhase {
		return this.#phase;
	}
	/** The coach's call, as they publish it (null while they are not on a call screen). */
	get coach(): CoachCall | null {
		return this.#presence.coach;
	}
	/** What the coach sends: their mode, once in the call. */
	get coachMode(): CallMode {
		return this.#presence.coach?.mode ?? 'video';
	}

	/** Starts the device check: camera and microphone, or the microphone alone for an audio session. */
	async start(): Promise<void> {
		await this.media.start(this.#presence.coach?.mode === 'audio' ? 'audio' : 'video');
	}

	async join(): Promise<void> {
		this.#phase = 'joining';
		this.session.accept(() => this.#answerStream());
		const peerId = await this.session.open();
		if (this.#phase !== 'joining') {
			return;
		}
		if (!peerId) {
			this.#phase = 'check';
			return;
		}
		this.#phase = 'waiting';
		this.#publish('waiting');
		this.#offs.push(
			this.session.on('connection', (state) => this.#onConnection(state)),
			// Signalling is back, maybe under a new id: the coach must call that one.
			this.session.on('signalling', () =>
				this.#publish(this.#phase === 'in-call' ? 'in-call' : 'waiting')
			)
		);
		this.#onCoach();
	}

	/** Stops sending video (the camera is released); the coach sees the client as audio only. */
	async switchToAudio(): Promise<void> {
		this.media.dropVideo();
		await this.session.replaceVideo(null);
		this.#publish(this.#phase === 'in-call' ? 'in-call' : 'waiting');
	}

	/** Leaves the call or the waiting room; the coach sees the client gone. */
	leave(): void {
		this.#phase = 'left';
		this.#teardown();
	}

	/** The page went away. */
	destroy(): void {
		if (this.#phase !== 'ended') {
			this.#phase = 'left';
		}
		this.#teardown();
	}

	#answerStream(): MediaStream | null {
		// An audio session: the client's camera is released before answering.
		if (this.coachMode === 'audio' && this.media.sendMode === 'video') {
			this.media.dropVideo();
		}
		return this.media.stream;
	}

	#onCoach(): void {
		const coach = this.#presence.coach;
		const joined = ['waiting', 'in-call', 'reconnecting'].includes(this.#phase);
		if (coach?.state === 'ended' && joined) {
			this.#phase = 'ended';
			this.#teardown();
			return;
		}
		// The coach switched to audio only mid-call: follow, and release the camera.
		if (coach?.mode === 'audio' && this.media.sendMode === 'video') {
			this.media.dropVideo();
			if (joined) {
				void this.session.replaceVideo(null);
				this.#publish(this.#phase === 'in-call' ? 'in-call' : 'waiting');
			}
		}
	}

	#onConnection(state: 'connected' | 'closed'): void {
		if (state === 'connected') {
			this.#phase = 'in-call';
			this.#publish('in-call');
			return;
		}
		// The coach's hang-up and the 'ended' state travel separately: a close while the coach
		// is still in the call is a drop, and the coach calls again.
		this.#phase = this.#presence.coach?.state === 'in-call' ? 'reconnecting' : 'waiting';
		this.#publish('waiting');
	}

	#publish(state: 'waiting' | 'in-call'): void {
		const peerId = this.session.peerId;
		if (peerId) {
			const mode = this.media.sendMode === 'video' ? 'video' : 'audio';
			this.#presence.publish({ role: 'client', state, peerId, mode });
		}
	}

	#teardown(): void {
		this.#offs.forEach((off) => off());
		this.#offs = [];
		this.#presence.leave();
		this.session.hangUp();
		this.media.stop();
	}
}
