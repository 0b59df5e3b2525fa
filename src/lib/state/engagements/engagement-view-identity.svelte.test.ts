import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../../docs/actor';
import * as eng from '../../docs/engagement-doc';
import { EngagementPeople } from '../../domain/identity';
import { EngagementView } from './engagement-view.svelte';

/**
 * After an import the history names the coach's and client's ids on the old server; the list
 * says so in `formerIds` and the chat treats those messages as the same people's.
 */
function importedChat() {
	const doc = new Y.Doc();
	eng.migrate(doc);
	const oldCoach = createActor({ userId: 'coach-a' });
	const oldClient = createActor({ userId: 'ada-a' });
	eng.sendMessage(doc, oldCoach, { text: 'Welcome, Ada!' });
	eng.sendMessage(doc, oldClient, { text: 'Hi coach' });
	const welcome = eng.listMessages(doc)[0]!;
	// The coach had read up to their own welcome on the old server; Ada read everything.
	eng.markRead(doc, oldCoach, { messageId: welcome.id });
	eng.markRead(doc, oldClient, { messageId: eng.listMessages(doc)[1]!.id });
	eng.sendMessage(doc, oldCoach, { text: 'See you Monday' });
	return doc;
}

const engagement = {
	coach: { id: 'coach-b', name: 'Cora', formerIds: ['coach-a'] },
	client: { id: 'ada-b', name: 'Ada', formerIds: ['ada-a'] }
};

function viewOf(doc: Y.Doc, userId: string) {
	const people = new EngagementPeople(engagement, userId);
	const view = new EngagementView(doc, userId, {
		docName: 'eng:e1',
		confirmations: { isConfirmed: () => null, on: () => () => {} },
		report: () => {},
		formerIds: people.myIds.filter((id) => id !== userId)
	});
	return { view, people };
}

describe('the chat after an import (identity aliases)', () => {
	it("shows the coach's old messages as their own and not unread for them", () => {
		const doc = importedChat();
		const { view, people } = viewOf(doc, 'coach-b');
		let unread = -1;
		let mine: boolean[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				unread = view.unread;
				mine = view.messages.map((m) => view.isMine(m.authorId));
			});
		});
		flushSync();
		expect(mine).toEqual([true, false, true]);
		// Only Ada's reply is new to the coach: their own messages never count.
		expect(unread).toBe(1);
		expect(view.messages.map((m) => people.nameOf(m.authorId))).toEqual(['Cora', 'Ada', 'Cora']);
		view.markAllRead();
		flushSync();
		expect(unread).toBe(0);
		stop();
	});

	it("counts the coach's message after the client's old marker as unread for the client", () => {
		const { view } = viewOf(importedChat(), 'ada-b');
		expect(view.isMine('ada-a')).toBe(true);
		expect(view.isMine('coach-a')).toBe(false);
		expect(view.unread).toBe(1);
	});

	it('without aliases the same history looks foreign (what the aliases fix)', () => {
		const doc = importedChat();
		const view = new EngagementView(doc, 'coach-b');
		expect(view.isMine('coach-a')).toBe(false);
		expect(view.unread).toBe(3);
	});
});
