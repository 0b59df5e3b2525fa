import { createSubscriber } from 'svelte/reactivity';
import type { DocRegistry } from '../../local/doc-registry';
import { problemMessage, type DocSyncStatus, type SyncState } from '../../sync/sync-state';

/**
 * The sync indicator's view of the workspace: one bridge from the registry's 'change' event to
 * reactive getters (habit 3). Reading any getter inside an effect or template subscribes; the
 * listener is removed when nothing reads it any more.
 *
 * @example
 * const { syncStatus } = useWorkspace();
 * // {#if syncStatus.sessionExpired} ... {:else} {syncStatus.state} ({syncStatus.pending} to send)
 */
export class SyncStatus {
	#registry: DocRegistry;
	#subscribe: () => void;

	constructor(registry: DocRegistry) {
		this.#registry = registry;
		this.#subscribe = createSubscriber((update) => registry.on('change', update));
	}

	/** 'online' | 'offline' | 'syncing' over every open document (see sync-state.ts). */
	get state(): SyncState {
		this.#subscribe();
		return this.#registry.summary.state;
	}

	/** Local changes the server has not confirmed yet, summed over open documents. */
	get pending(): number {
		this.#subscribe();
		return this.#registry.summary.pending;
	}

	/** The server refused the session (4401): ask to sign in again; local data is kept. */
	get sessionExpired(): boolean {
		this.#subscribe();
		return this.#registry.sessionExpired;
	}

	/** What the browser says (navigator.onLine), independent of the sockets. */
	get browserOnline(): boolean {
		this.#subscribe();
		return this.#registry.summary.browserOnline;
	}

	get docs(): readonly DocSyncStatus[] {
		this.#subscribe();
		return this.#registry.summary.docs;
	}

	/**
	 * Why a document stopped syncing when the server refused it for a reason the person can act
	 * on (a full document, too many tabs, a refused change); null otherwise.
	 */
	get notice(): string | null {
		this.#subscribe();
		for (const doc of this.#registry.summary.docs) {
			const message = doc.problem && problemMessage(doc.problem);
			if (message) {
				return message;
			}
		}
		return null;
	}

	/** One document's status, or null when it is not open. */
	doc(docName: string): DocSyncStatus | null {
		this.#subscribe();
		return this.#registry.docStatus(docName);
	}

	/** After signing in again in this tab: clear the expired session and reconnect everything. */
	reconnect(): void {
		this.#registry.reconnect();
	}
}
