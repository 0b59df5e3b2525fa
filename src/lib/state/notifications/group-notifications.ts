import { messageDigestText } from '../../domain/notification-kinds';
import type { NotificationItem } from '../../api/notifications';

/** One line of the notification list: a notification, or a conversation's messages together. */
export interface NotificationEntry {
	/** The newest notification's id: a stable key. */
	key: string;
	/** Every notification the entry stands for (marked read together). */
	ids: string[];
	engagementId: string;
	kind: NotificationItem['kind'];
	text: string;
	createdAt: number;
	readAt: number | null;
	/** What a tap opens (a group of messages: the conversation of its newest). */
	target: NotificationItem['target'];
}

const PREFIX = 'New message from ';

/**
 * Groups "New message from …" notifications per conversation: its unread ones become one entry
 * ("3 new messages from Clio") where the newest of them is, and so do its read ones. Every other
 * notification stays its own entry. The list keeps its order (newest first).
 */
export function groupNotifications(items: readonly NotificationItem[]): NotificationEntry[] {
	const entries: NotificationEntry[] = [];
	const groups = new Map<string, NotificationEntry>();
	for (const item of items) {
		const single: NotificationEntry = {
			key: item.id,
			ids: [item.id],
			engagementId: item.engagementId,
			kind: item.kind,
			text: item.text,
			createdAt: item.createdAt,
			readAt: item.readAt,
			target: item.target ?? null
		};
		if (item.kind !== 'message') {
			entries.push(single);
			continue;
		}
		const groupKey = `${item.engagementId}:${item.readAt === null ? 'unread' : 'read'}`;
		const group = groups.get(groupKey);
		if (!group) {
			groups.set(groupKey, single);
			entries.push(single);
			continue;
		}
		group.ids.push(item.id);
		const from = item.text.startsWith(PREFIX) ? item.text.slice(PREFIX.length) : null;
		if (from) {
			const coach = from === 'your coach';
			group.text = messageDigestText(group.ids.length, {
				role: coach ? 'coach' : 'client',
				name: from
			});
		}
	}
	return entries;
}
