import { createSubscriber } from 'svelte/reactivity';
import { watchQuery } from '../../local/live-query';

/**
 * A Dexie query as a reactive value: components read `current` and re-render whenever a write
 * (in this tab or another) changes the result. The query runs only while something reactive
 * reads it, and stops when the last reader goes away.
 *
 *     const conversations = new LiveQuery(() => listConversations(db), []);
 *     // in markup: {#each conversations.current as row (row.engagementId)} ...
 *
 * Only Dexie reads are tracked. For a query that depends on component state (a search term),
 * derive a new LiveQuery from that state:
 *
 *     const results = $derived(new LiveQuery(() => searchNotes(db, term), []));
 */
export class LiveQuery<T> {
	#current: T;
	#error: unknown = null;
	#isLoading = true;
	readonly #subscribe: () => void;

	constructor(query: () => Promise<T> | T, initial: T) {
		this.#current = initial;
		this.#subscribe = createSubscriber((update) =>
			watchQuery(query, {
				next: (value) => {
					this.#current = value;
					this.#error = null;
					this.#isLoading = false;
					update();
				},
				error: (error) => {
					// Keep showing the last good result next to the error.
					this.#error = error;
					this.#isLoading = false;
					update();
				}
			})
		);
	}

	/** The latest result, or the initial value until the first one arrives. */
	get current(): T {
		this.#subscribe();
		return this.#current;
	}

	/** The last query failure, cleared by the next success. */
	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}

	/** True until the first result or error. */
	get loading(): boolean {
		this.#subscribe();
		return this.#isLoading;
	}
}
