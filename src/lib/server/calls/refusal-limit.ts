import type { RelayRefusal } from './relay-policy';

/**
 * How many refused signaling frames one socket may send within the window: that many are
 * answered (ERROR), the next one closes the socket. A stock PeerJS client destroys its Peer on
 * the first ERROR, so an honest page never gets near this; only a client that keeps crafting
 * frames does, and it should not be answered forever.
 */
export const MAX_REFUSALS = 20;
export const REFUSAL_WINDOW_MS = 10_000;

/** The close a socket gets once over the limit: 1008 is WebSocket's "policy violation". */
export const TOO_MANY_REFUSALS = {
	code: 1008,
	reason: 'Too many refused signaling messages.'
} as const;

/**
 * Whether a refusal counts against the sender. A frame for an id nobody holds does not: a
 * browser still trickling ICE candidates to a peer that just left (closed its tab, signed out)
 * is doing nothing wrong, and it gets EXPIRE, which PeerJS survives.
 */
export function countsTowardLimit(refusal: RelayRefusal): boolean {
	return refusal !== 'unknown-peer';
}

export interface RefusalLimitOptions {
	max?: number;
	windowMs?: number;
	now?: () => number;
}

/** The refusals of one socket over a sliding window; holds at most `max + 1` times. */
export class RefusalLimit {
	readonly max: number;
	readonly windowMs: number;
	#now: () => number;
	#times: number[] = [];

	constructor(options: RefusalLimitOptions = {}) {
		this.max = options.max ?? MAX_REFUSALS;
		this.windowMs = options.windowMs ?? REFUSAL_WINDOW_MS;
		this.#now = options.now ?? Date.now;
	}

	/** Records one refusal; true when it is one more than the window allows. */
	exceeded(): boolean {
		const now = this.#now();
		this.#times = this.#times.filter((time) => now - time < this.windowMs);
		this.#times.push(now);
		if (this.#times.length > this.max + 1) {
			this.#times.shift();
		}
		return this.#times.length > this.max;
	}
}
