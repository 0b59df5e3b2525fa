import { getContext, setContext } from 'svelte';
import { openIndexDb, type ConversationRow, type TandemIndexDb } from '../local/db';
import { listConversations } from '../local/indexers/queries';
import type { Engagements } from './engagements.svelte';
import { ClientDirectory } from './clients.svelte';
import { InviteQueue } from './clients-outbox.svelte';
import { LiveQuery } from './live-query.svelte';
import { PackageCatalog } from './packages.svelte';

/** Everything the coach screens share: clients, queued invites, the package catalogue. */
export interface CoachDesk {
	readonly db: TandemIndexDb;
	readonly queue: InviteQueue;
	readonly directory: ClientDirectory;
	readonly catalog: PackageCatalog;
	/** The Dexie conversation index (last message per engagement), empty until it is fed. */
	readonly conversations: LiveQuery<ConversationRow[]>;
	destroy(): void;
}

const KEY = Symbol('tandem.coach-desk');

/**
 * Call once in the coach layout (browser only):
 *
 *     const desk = setCoachDesk({ userId: data.user.id, engagements: useEngagements() });
 *     onDestroy(() => desk.destroy());
 */
export function setCoachDesk(options: { userId: string; engagements: Engagements }): CoachDesk {
	const db = openIndexDb(options.userId);
	let directory: ClientDirectory | null = null;
	// A sent invitation creates an engagement and an invite on the server: show them.
	const queue = new InviteQueue({ db, onSent: () => void directory?.refresh() });
	directory = new ClientDirectory({ ...options, queue });
	const desk: CoachDesk = {
		db,
		queue,
		directory,
		catalog: new PackageCatalog(options.userId),
		conversations: new LiveQuery(() => listConversations(db), []),
		destroy() {
			queue.stop();
			db.close();
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
