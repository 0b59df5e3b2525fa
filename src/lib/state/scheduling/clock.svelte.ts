import { createSubscriber } from 'svelte/reactivity';

/**
 * "Now" for templates, ticking while something reads it, so Start/Join appear ten minutes
 * before a session without a reload. A tick every 15 s is fine-grained enough for that.
 */
export class Clock {
	readonly #subscribe = createSubscriber((update) => {
		const timer = setInterval(update, 15_000);
		return () => clearInterval(timer);
	});

	get now(): number {
		this.#subscribe();
		return Date.now();
	}
}

/** The browser's own idea of being online, for hiding actions that need the server. */
export class Connectivity {
	readonly #subscribe = createSubscriber((update) => {
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	});

	get online(): boolean {
		this.#subscribe();
		return navigator.onLine;
	}
}
