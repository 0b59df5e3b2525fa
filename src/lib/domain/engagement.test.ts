import { describe, expect, it } from 'vitest';
import {
	commentThreads,
	isIsoDate,
	textProblem,
	unreadCount,
	type Message,
	type NoteComment
} from './engagement';

const message = (id: string, authorId: string, sentAt: number): Message => ({
	id,
	authorId,
	text: id,
	sentAt
});

const comment = (id: string, parentId: string | null): NoteComment => ({
	id,
	authorId: 'a',
	text: id,
	createdAt: 0,
	parentId,
	resolved: false,
	resolvedBy: null,
	resolvedAt: null
});

describe('unreadCount', () => {
	const messages = [
		message('m1', 'coach', 10),
		message('m2', 'client', 20),
		message('m3', 'coach', 5)
	];

	it('counts messages from others after the marker, in array order', () => {
		expect(unreadCount(messages, null, 'client')).toBe(2);
		const marker = { userId: 'client', messageId: 'm1', sentAt: 10, readAt: 11 };
		// m3 was sent "earlier" by a skewed clock but arrived later: still unread.
		expect(unreadCount(messages, marker, 'client')).toBe(1);
		expect(unreadCount(messages, { ...marker, messageId: 'm3', sentAt: 5 }, 'client')).toBe(0);
	});

	it('falls back to send times when the marked message is not here yet', () => {
		const marker = { userId: 'client', messageId: 'elsewhere', sentAt: 7, readAt: 8 };
		expect(unreadCount(messages, marker, 'client')).toBe(1);
	});
});

describe('commentThreads', () => {
	it('groups replies under their first comment and drops orphans', () => {
		const threads = commentThreads([
			comment('a', null),
			comment('a1', 'a'),
			comment('b', null),
			comment('x1', 'missing'),
			comment('a2', 'a')
		]);
		expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
			['a', ['a1', 'a2']],
			['b', []]
		]);
	});
});

describe('input rules', () => {
	it('accepts only real calendar dates', () => {
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2026-13-01')).toBe(false);
		expect(isIsoDate('2026-1-01')).toBe(false);
	});

	it('rejects blank and oversized text', () => {
		expect(textProblem('  ', 'The title', 10)).toMatch(/empty/);
		expect(textProblem('x'.repeat(11), 'The title', 10)).toMatch(/longer/);
		expect(textProblem('ok', 'The title', 10)).toBeNull();
	});
});
