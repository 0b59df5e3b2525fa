import { getContext, setContext } from 'svelte';
import type { TandemIndexDb } from '../local/db';
import type { DocRegistry } from '../local/doc-registry';
import { SyncStatus } from './sync-status.svelte';

/** What the signed-in part of the app shares: the user's documents and their sync status. */
export interface Workspace {
	readonly registry: DocRegistry;
	readonly syncStatus: SyncStatus;
	/** The user's Dexie database: derived index tables and the offline outbox. */
	readonly indexDb: TandemIndexDb;
}

const KEY = Symbol('tandem.workspace');

/**
 * Call once in the signed-in layout's component init (browser only: that group has ssr = false):
 *
 *     const workspace = setWorkspace(new DocRegistry({ userId: data.user.id }), openIndexDb(userId));
 *     onDestroy(() => void workspace.registry.destroy());
 */
export function setWorkspace(registry: DocRegistry, indexDb: TandemIndexDb): Workspace {
	const workspace: Workspace = { registry, syncStatus: new SyncStatus(registry), indexDb };
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
