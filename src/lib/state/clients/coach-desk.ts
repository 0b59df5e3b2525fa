import { getContext, setContext } from 'svelte';
import type { ConversationRow, SubscriptionRow, TandemIndexDb } from '../../local/db';
import type { Workspace } from '../app/workspace-context';
import { listConversations } from '../../local/indexers/queries';
import type { Engagements } from '../engagements/engagements.svelte';
import { ClientDirectory } from './client-directory.svelte';
import { InviteQueue } from './invite-queue.svelte';
import { LiveQuery } from '../app/live-query.svelte';
import { PackageCatalog } from '../packages/package-catalog.svelte';

/** Everything the coach screens share: clients, queued invites, the package catalogue. */
export interface CoachDesk {
	readonly db: TandemIndexDb;
	readonly queue: InviteQueue;
	readonly directory: ClientDirectory;
	readonly catalog: PackageCatalog;
	/** The Dexie conversation index (last message per engagement). */
	readonly conversations: LiveQuery<ConversationRow[]>;
	/** The Dexie ledger index (package, sessions, revenue per engagement), fed by open `sub:` docs. */
	readonly subscriptions: LiveQuery<SubscriptionRow[]>;
	destroy(): void;
}

const KEY = Symbol('tandem.coach-desk');

/**
 * Call once in the coach layout (browser only):
 *
 *     const desk = setCoachDesk({ userId, engagements: useEngagements(), workspace: useWorkspace() });
 *     onDestroy(() => desk.destroy());
 */
export function setCoachDesk(options: {
	userId: string;
	engagements: Engagements;
	/** Its outbox sends the invitations; its index database feeds the list's metrics. */
	workspace: Workspace;
}): CoachDesk {
	const { workspace } = options;
	const db = workspace.indexDb;
	let directory: ClientDirectory | null = null;
	// A sent invitation creates an engagement and an invite on the server: show them.
	const queue = new InviteQueue({ workspace, onSent: () => void directory?.refresh() });
	directory = new ClientDirectory({
		userId: options.userId,
		engagements: options.engagements,
		queue
	});
	const desk: CoachDesk = {
		db,
		queue,
		directory,
		catalog: new PackageCatalog(options.userId),
		conversations: new LiveQuery(() => listConversations(db), []),
		subscriptions: new LiveQuery(() => db.subscriptions.toArray(), []),
		destroy() {
			// The database belongs to the workspace, which closes it.
			queue.stop();
		}
	};
	return setContext(KEY, desk);
}

export function useCoachDesk(): CoachDesk {
	const desk = getContext<CoachDesk | undefined>(KEY);
	if (!desk) {
		throw new Error('useCoachDesk() must be called inside the coach layout.');
	}
	return desk;
}
