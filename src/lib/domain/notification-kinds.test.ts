import { describe, expect, it } from 'vitest';
import { eventIds, notificationTarget } from './notification-kinds';

describe('notificationTarget', () => {
	it('reads the goal, note, comment or message back from the event id', () => {
		expect(notificationTarget('goal-completed', eventIds.goalCompleted('g:1', 1700))).toEqual({
			kind: 'goal',
			id: 'g:1'
		});
		expect(notificationTarget('note-shared', eventIds.noteShared('n1'))).toEqual({
			kind: 'note',
			id: 'n1'
		});
		expect(notificationTarget('comment-added', eventIds.comment('c1'))).toEqual({
			kind: 'comment',
			id: 'c1'
		});
		expect(notificationTarget('message', eventIds.message('m1'))).toEqual({
			kind: 'message',
			id: 'm1'
		});
	});

	it('has none for kinds with no single thing to open', () => {
		expect(notificationTarget('session-recorded', eventIds.session('e1'))).toBeNull();
		expect(notificationTarget('invite-accepted', eventIds.inviteAccepted('x'))).toBeNull();
		expect(notificationTarget('booking-made', 'booking:b1:made')).toBeNull();
	});

	it('has none for an event id of another shape', () => {
		expect(notificationTarget('goal-completed', 'goal:g1')).toBeNull();
		expect(notificationTarget('goal-completed', 'goal::completed:5')).toBeNull();
		expect(notificationTarget('note-shared', 'note:n1')).toBeNull();
		expect(notificationTarget('note-shared', 'note::shared')).toBeNull();
		expect(notificationTarget('comment-added', 'comment:')).toBeNull();
		expect(notificationTarget('message', 'comment:c1')).toBeNull();
	});
});
