import type { OutboxRow } from '../../local/db';
import type { Outbox } from '../../local/outbox';
import { LiveQuery } from './live-query.svelte';

/**
 * What the UI shows of the outbox: requests still waiting for the server (with a spinner or a
 * "will be sent when you are back online" hint) and the ones the server refused, each with the
 * server's message and retry/discard actions.
 *
 *     const outboxState = new OutboxState(outbox);
 *     {#each outboxState.failed as entry (entry.id)} {entry.error} ... {/each}
 */
export class OutboxState {
	readonly #outbox: Outbox;
	readonly #entries: LiveQuery<OutboxRow[]>;

	constructor(outbox: Outbox) {
		this.#outbox = outbox;
		this.#entries = new LiveQuery(() => outbox.list(), []);
	}

	/** Waiting or being sent, in sending order. */
	get pending(): OutboxRow[] {
		return this.#entries.current.filter((entry) => entry.status !== 'failed');
	}

	/** Refused by the server; `error` holds its message. */
	get failed(): OutboxRow[] {
		return this.#entries.current.filter((entry) => entry.status === 'failed');
	}

	get hasPending(): boolean {
		return this.pending.length > 0;
	}

	/** Reading the outbox itself failed (IndexedDB unavailable or blocked). */
	get error(): unknown {
		return this.#entries.error;
	}

	retry(id: string): Promise<void> {
		return this.#outbox.retry(id);
	}

	discard(id: string): Promise<boolean> {
		return this.#outbox.discard(id);
	}
}
