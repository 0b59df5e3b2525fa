import { createSubscriber } from 'svelte/reactivity';

/**
 * The current time, ticking once a second while something reads it (the session timer). The
 * interval runs only while read in a reactive context and stops with it.
 *
 *     const clock = new Now();
 *     clock.current; // ms since epoch, reactive
 */
export class Now {
	#subscribe: () => void;
	#now = Date.now();

	constructor(intervalMs = 1_000) {
		this.#subscribe = createSubscriber((update) => {
			const timer = setInterval(() => {
				this.#now = Date.now();
				update();
			}, intervalMs);
			return () => clearInterval(timer);
		});
	}

	get current(): number {
		this.#subscribe();
		return this.#now;
	}
}
