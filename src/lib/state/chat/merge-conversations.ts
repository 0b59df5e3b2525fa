import { idsOf, sameActor } from '../../domain/identity';
import type { ConversationRow } from '../../local/db';
import type { EngagementSummary } from '../../api/engagements';

/** One line of the coach's Messages page. */
export interface ConversationItem {
	engagementId: string;
	clientName: string;
	lastMessageText: string;
	/** 0 when there are no messages (yet, or not indexed on this device yet). */
	lastMessageAt: number;
	lastMessageAuthorId: string | null;
	/** The last message is the coach's own (under their current or a former id). */
	lastMessageMine: boolean;
	unreadCount: number;
}

/** Joins index rows with the engagement list: names, active clients only, empty ones last. */
export function mergeConversations(
	rows: readonly ConversationRow[],
	engagements: readonly EngagementSummary[]
): ConversationItem[] {
	const byId = new Map(engagements.map((e) => [e.id, e]));
	const items: ConversationItem[] = [];
	for (const row of rows) {
		const engagement = byId.get(row.engagementId);
		// Ended and unknown engagements are left out: their chat is no longer reachable here.
		if (engagement?.status === 'active') {
			items.push({
				engagementId: row.engagementId,
				clientName: engagement.client.name,
				lastMessageText: row.lastMessageText,
				lastMessageAt: row.lastMessageAt,
				lastMessageAuthorId: row.lastMessageAuthorId,
				lastMessageMine: sameActor(idsOf(engagement.coach), row.lastMessageAuthorId),
				unreadCount: row.unreadCount
			});
		}
	}
	const listed = new Set(items.map((item) => item.engagementId));
	for (const engagement of engagements) {
		if (engagement.status === 'active' && !listed.has(engagement.id)) {
			items.push({
				engagementId: engagement.id,
				clientName: engagement.client.name,
				lastMessageText: '',
				lastMessageAt: 0,
				lastMessageAuthorId: null,
				lastMessageMine: false,
				unreadCount: 0
			});
		}
	}
	// The index orders by lastMessageAt already; keep that stable, empty ones last.
	return items.sort((a, b) => b.lastMessageAt - a.lastMessageAt);
}
