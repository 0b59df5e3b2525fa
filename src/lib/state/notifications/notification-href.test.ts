import { describe, expect, it } from 'vitest';
import { linkedItem, notificationHref } from './notification-href';

describe('notificationHref', () => {
	it('opens the goal, the note or the note of the comment on the right screen', () => {
		const goal = {
			engagementId: 'e1',
			kind: 'goal-completed',
			target: { kind: 'goal', id: 'g1' }
		} as const;
		expect(notificationHref(goal, 'coach')).toBe('/coach/clients/e1?tab=goals&goal=g1');
		expect(notificationHref(goal, 'client')).toBe('/client?tab=goals&goal=g1');
		expect(
			notificationHref(
				{ engagementId: 'e1', kind: 'note-shared', target: { kind: 'note', id: 'n 1' } },
				'client'
			)
		).toBe('/client?tab=notes&note=n+1');
		expect(
			notificationHref(
				{ engagementId: 'e1', kind: 'comment-added', target: { kind: 'comment', id: 'c1' } },
				'coach'
			)
		).toBe('/coach/clients/e1?tab=notes&comment=c1');
	});

	it('a message opens the chat; a list cached without targets still opens the section', () => {
		expect(
			notificationHref(
				{ engagementId: 'e1', kind: 'message', target: { kind: 'message', id: 'm1' } },
				'coach'
			)
		).toBe('/coach/clients/e1');
		expect(
			notificationHref({ engagementId: 'e1', kind: 'comment-added', target: null }, 'client')
		).toBe('/client?tab=notes');
		expect(
			notificationHref({ engagementId: 'e1', kind: 'booking-made', target: undefined }, 'client')
		).toBe('/client');
	});

	it('is read back by the engagement screen', () => {
		const href = notificationHref(
			{ engagementId: 'e1', kind: 'comment-added', target: { kind: 'comment', id: 'c/1' } },
			'client'
		);
		expect(linkedItem(new URL(href, 'http://x').searchParams)).toEqual({
			tab: 'notes',
			goal: null,
			note: null,
			comment: 'c/1'
		});
	});
});
