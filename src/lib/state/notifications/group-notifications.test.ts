import { describe, expect, it } from 'vitest';
import { groupNotifications } from './group-notifications';
import type { NotificationItem } from '../../api/notifications';

let n = 0;
const item = (over: Partial<NotificationItem>): NotificationItem => ({
	id: `n${(n += 1)}`,
	engagementId: 'e1',
	kind: 'message',
	text: 'New message from Clio',
	createdAt: 1_000 - n,
	readAt: null,
	...over
});

describe('groupNotifications', () => {
	it("one entry per conversation's unread messages, where the newest is; others stay apart", () => {
		const items = [
			item({ id: 'm3' }),
			item({ id: 'g', kind: 'goal-completed', text: 'Clio completed a goal' }),
			item({ id: 'x1', engagementId: 'e2', text: 'New message from Bo' }),
			item({ id: 'm2' }),
			item({ id: 'm1' }),
			item({ id: 'old', readAt: 5 })
		];
		const entries = groupNotifications(items);
		expect(entries.map((e) => [e.key, e.text, e.ids])).toEqual([
			['m3', '3 new messages from Clio', ['m3', 'm2', 'm1']],
			['g', 'Clio completed a goal', ['g']],
			['x1', 'New message from Bo', ['x1']],
			['old', 'New message from Clio', ['old']]
		]);
		expect(entries[0]!.readAt).toBeNull();
	});

	it('a client reads "… from your coach"', () => {
		const text = 'New message from your coach';
		const entries = groupNotifications([item({ text }), item({ text })]);
		expect(entries.map((e) => e.text)).toEqual(['2 new messages from your coach']);
	});

	it('keeps what each entry opens (a group: its newest message); none in an older cached list', () => {
		const entries = groupNotifications([
			item({ id: 'm2', target: { kind: 'message', id: 'msg-2' } }),
			item({ id: 'm1', target: { kind: 'message', id: 'msg-1' } }),
			item({ id: 'c', kind: 'comment-added', target: { kind: 'comment', id: 'c1' } }),
			item({ id: 'old', kind: 'goal-completed' })
		]);
		expect(entries.map((e) => e.target)).toEqual([
			{ kind: 'message', id: 'msg-2' },
			{ kind: 'comment', id: 'c1' },
			null
		]);
	});
});
