import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../../local/db';
import type { EngagementSummary } from '../../api/engagements';
import { mergeConversations } from './merge-conversations';

const engagement = (id: string, name: string, status: EngagementSummary['status'] = 'active') =>
	({
		id,
		status,
		coach: { id: 'coach', name: 'Carla' },
		client: { id: `u-${id}`, name, email: `${id}@example.com` },
		docs: { shared: `eng:${id}`, subscription: `sub:${id}` }
	}) satisfies EngagementSummary;

const row = (engagementId: string, lastMessageAt: number, unreadCount = 0): ConversationRow => ({
	engagementId,
	lastMessageId: 'm',
	lastMessageText: `text ${engagementId}`,
	lastMessageAt,
	lastMessageAuthorId: 'x',
	unreadCount,
	messageCount: 1
});

describe('mergeConversations', () => {
	it('orders by the latest message, names from engagements, unindexed clients last', () => {
		const items = mergeConversations(
			[row('a', 100, 2), row('b', 300), row('gone', 500), row('ended', 400)],
			[
				engagement('a', 'Ann'),
				engagement('b', 'Ben'),
				engagement('c', 'Cy'),
				engagement('ended', 'Ed', 'ended'),
				engagement('p', 'Pat', 'pending')
			]
		);
		expect(items.map((i) => [i.clientName, i.lastMessageAt, i.unreadCount])).toEqual([
			['Ben', 300, 0],
			['Ann', 100, 2],
			['Cy', 0, 0]
		]);
	});

	it("marks the coach's own last message, also under a former id from before an import", () => {
		const imported = {
			...engagement('a', 'Ann'),
			coach: { id: 'coach', name: 'Carla', formerIds: ['coach-old'] }
		};
		const mine = (authorId: string) =>
			mergeConversations([{ ...row('a', 100), lastMessageAuthorId: authorId }], [imported])[0]!
				.lastMessageMine;
		expect(mine('coach')).toBe(true);
		expect(mine('coach-old')).toBe(true);
		expect(mine('u-a')).toBe(false);
	});
});
