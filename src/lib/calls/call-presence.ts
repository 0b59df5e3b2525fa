import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import {
	clientCallIn,
	coachCallIn,
	type CallField,
	type ClientCall,
	type CoachCall
} from './call-state';

/**
 * The `call` field of one `eng:` document's awareness: the one bridge between call state and
 * the other side. Publishes this tab's state; reads the other side's, reactively (getters) and
 * as events (`onChange`, for the call logic that acts on it).
 *
 *     const presence = new CallPresence(handle.awareness);
 *     presence.publish({ role: 'client', state: 'waiting', peerId });
 *     presence.coach?.state; // reactive
 *     presence.leave();
 */
export class CallPresence {
	#awareness: Awareness;
	#subscribe: () => void;

	constructor(awareness: Awareness) {
		this.#awareness = awareness;
		this.#subscribe = createSubscriber((update) => this.onChange(update));
	}

	/** The coach's call as published by another tab or device (never this tab's own). */
	get coach(): CoachCall | null {
		this.#subscribe();
		return coachCallIn(this.#awareness.getStates(), this.#awareness.clientID);
	}

	/** The client in the waiting room or in the call, if any. */
	get client(): ClientCall | null {
		this.#subscribe();
		return clientCallIn(this.#awareness.getStates(), this.#awareness.clientID);
	}

	/** Calls `fn` whenever anyone's awareness changes; returns the unsubscribe function. */
	onChange(fn: () => void): () => void {
		this.#awareness.on('change', fn);
		return () => this.#awareness.off('change', fn);
	}

	publish(call: CallField): void {
		this.#awareness.setLocalStateField('call', call);
	}

	/** Withdraws this tab's call state (the document and other presence stay). */
	leave(): void {
		this.#awareness.setLocalStateField('call', null);
	}
}
