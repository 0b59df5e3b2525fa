import type { ConversationRow, TandemIndexDb } from '../../local/db';
import type { EngagementSummary } from '../../api/engagements';
import { listConversations } from '../../local/indexers/queries';
import { mergeConversations, type ConversationItem } from './merge-conversations';
import { LiveQuery } from '../app/live-query.svelte';

/**
 * The coach's conversations across clients, most recent message first, from the Dexie index
 * (so it is live across tabs and works offline) joined with names from the engagement list.
 * Active clients without an indexed conversation come last.
 *
 *     const conversations = new Conversations(indexDb, () => engagements.all);
 *     conversations.items; // reactive
 */
export class Conversations {
	#rows: LiveQuery<ConversationRow[]>;
	#engagements: () => readonly EngagementSummary[];

	constructor(db: TandemIndexDb, engagements: () => readonly EngagementSummary[]) {
		this.#rows = new LiveQuery(() => listConversations(db), []);
		this.#engagements = engagements;
	}

	get loading(): boolean {
		return this.#rows.loading;
	}

	get items(): ConversationItem[] {
		return mergeConversations(this.#rows.current, this.#engagements());
	}
}
