import { getContext, setContext } from 'svelte';
import type { TandemIndexDb } from '../../local/db';
import type { DocRegistry } from '../../local/doc-registry';
import { HTTP_KIND, type HttpRequestPayload } from '../../local/outbox-http';
import type { Outbox } from '../../local/outbox';
import { OutboxState } from './outbox-state.svelte';
import { SyncStatus } from './sync-status.svelte';

/** What the signed-in part of the app shares: the user's documents and their sync status. */
export interface Workspace {
	readonly registry: DocRegistry;
	readonly syncStatus: SyncStatus;
	/** The user's Dexie database: derived index tables and the offline outbox. */
	readonly indexDb: TandemIndexDb;
	/** Server-only requests made offline wait here; one runner per tab sends them. */
	readonly outbox: Outbox;
	readonly outboxState: OutboxState;
	/** Queues a request to the app's API: sent now if online, else when the network returns. */
	queue(request: HttpRequestPayload, options?: { dedupeKey?: string }): Promise<void>;
}

const KEY = Symbol('tandem.workspace');

/**
 * Call once in the signed-in layout's component init (browser only: that group has ssr = false):
 *
 *     const workspace = setWorkspace({ registry, indexDb, outbox });
 *     onDestroy(() => void workspace.registry.destroy());
 */
export function setWorkspace(parts: {
	registry: DocRegistry;
	indexDb: TandemIndexDb;
	outbox: Outbox;
}): Workspace {
	const { registry, indexDb, outbox } = parts;
	const workspace: Workspace = {
		registry,
		indexDb,
		outbox,
		syncStatus: new SyncStatus(registry),
		outboxState: new OutboxState(outbox),
		async queue(request, options) {
			await outbox.enqueue({ kind: HTTP_KIND, payload: request, dedupeKey: options?.dedupeKey });
		}
	};
	setContext(KEY, workspace);
	return workspace;
}

/** The workspace set by the signed-in layout; throws when used outside it. */
export function useWorkspace(): Workspace {
	const workspace = getContext<Workspace | undefined>(KEY);
	if (!workspace) {
		throw new Error(
			'useWorkspace() was called outside the signed-in layout: call setWorkspace(registry) in an ancestor component first'
		);
	}
	return workspace;
}
