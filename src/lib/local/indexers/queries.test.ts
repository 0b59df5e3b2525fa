import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor, steppingClock } from '../../../../tests/factories/actors';
import * as coachDoc from '../../docs/coach-doc';
import * as eng from '../../docs/engagement-doc';
import { remoteOrigin } from '../../docs/origin';
import type { WriteResult } from '../../docs/result';
import { openIndexDb, type TandemIndexDb } from '../db';
import { attachCoachIndexer } from './coach-indexer';
import { attachEngagementIndexer, type DetachIndexer } from './engagement-indexer';
import { goalsDue, listConversations, searchNotes, totalUnread } from './queries';

const clock = steppingClock(Date.UTC(2026, 4, 1), 60_000);
const coach = buildActor('coach', { now: clock });
const client = buildActor('client', { now: clock });

const databases: TandemIndexDb[] = [];
const detachers: DetachIndexer[] = [];
afterEach(async () => {
	detachers.splice(0).forEach((detach) => detach());
	for (const db of databases.splice(0)) {
		await db.delete();
	}
});

let count = 0;
function setup() {
	const db = openIndexDb(`queries-${++count}`);
	databases.push(db);
	const engagement = (engagementId: string) => {
		const doc = new Y.Doc();
		eng.migrate(doc);
		const detach = attachEngagementIndexer({ db, doc, engagementId, userId: 'coach' });
		detachers.push(detach);
		return { doc, detach };
	};
	return { db, engagement };
}

describe('conversations', () => {
	it('lists the most recent conversation first, with the coach’s unread counts', async () => {
		const { db, engagement } = setup();
		const anna = engagement('anna');
		const ben = engagement('ben');
		const quiet = engagement('quiet');
		eng.sendMessage(anna.doc, client, { text: 'Morning!' });
		eng.sendMessage(ben.doc, client, { text: 'Can we move Friday?' });
		eng.sendMessage(ben.doc, client, { text: 'Or Monday.' });
		eng.sendMessage(anna.doc, coach, { text: 'Hi Anna' });
		await Promise.all([anna, ben, quiet].map(({ detach }) => detach.flush()));

		const rows = await listConversations(db);
		expect(rows.map((r) => [r.engagementId, r.lastMessageText, r.unreadCount])).toEqual([
			['anna', 'Hi Anna', 1],
			['ben', 'Or Monday.', 2],
			['quiet', '', 0]
		]);
		expect(await totalUnread(db)).toBe(3);

		const [, last] = eng.listMessages(ben.doc);
		eng.markRead(ben.doc, coach, { messageId: last!.id });
		await ben.detach.flush();
		expect((await db.conversations.get('ben'))?.unreadCount).toBe(0);
	});

	it('follows messages that arrive from another replica', async () => {
		const { db, engagement } = setup();
		const here = engagement('e1');
		const phone = new Y.Doc();
		eng.migrate(phone);
		eng.sendMessage(phone, client, { text: 'x'.repeat(500) });
		Y.applyUpdate(here.doc, Y.encodeStateAsUpdate(phone), remoteOrigin);
		await here.detach.flush();
		const row = await db.conversations.get('e1');
		expect(row).toMatchObject({ messageCount: 1, unreadCount: 1, lastMessageAuthorId: 'client' });
		expect(Array.from(row!.lastMessageText)).toHaveLength(140);
	});

	it('does not recompute the conversation when only a note changes', async () => {
		const { db, engagement } = setup();
		const { doc, detach } = engagement('big');
		for (let i = 0; i < 2_000; i++) {
			eng.sendMessage(doc, i % 2 ? coach : client, { text: `message ${i}` });
		}
		const noteId = eng.createNote(doc, coach, { title: 'Plan', text: 'start' });
		await detach.flush();
		let conversationWrites = 0;
		db.conversations.hook('updating', () => void conversationWrites++);
		db.conversations.hook('creating', () => void conversationWrites++);
		for (let i = 0; i < 20; i++) {
			const edit = { op: 'insert-text', paragraph: 0, offset: 0, text: 'a' } as const;
			eng.editNoteBody(doc, coach, { noteId: noteId.ok ? noteId.value : '', edit });
			await detach.flush();
		}
		expect(conversationWrites).toBe(0);
		expect((await db.notes.toArray())[0]?.text).toBe(`${'a'.repeat(20)}start`);
	});
});

describe('note search', () => {
	it('finds shared and private notes by word prefixes, accents folded', async () => {
		const { db, engagement } = setup();
		const { doc, detach } = engagement('e1');
		eng.createNote(doc, coach, { title: 'Running plan', text: 'Week 3: tempo runs\nCafé after' });
		eng.createNote(doc, client, { title: 'Sleep log', text: 'Slept 7 hours' });
		const own = new Y.Doc();
		coachDoc.migrate(own);
		const detachCoach = attachCoachIndexer({ db, doc: own, userId: 'coach' });
		detachers.push(detachCoach);
		coachDoc.createPrivateNote(own, coach, {
			engagementId: 'e1',
			title: 'Intake',
			text: 'Runs too fast'
		});
		await Promise.all([detach.flush(), detachCoach.flush()]);

		const titles = async (query: string) => (await searchNotes(db, query)).map((n) => n.title);
		expect(await titles('run')).toEqual(['Intake', 'Running plan']);
		expect(await titles('RUN caf')).toEqual(['Running plan']);
		expect(await titles('cafe')).toEqual(['Running plan']);
		expect(await titles('sle hou')).toEqual(['Sleep log']);
		expect(await titles('swim')).toEqual([]);
		expect(await titles('  ')).toEqual([]);
		const [intake] = await searchNotes(db, 'intake');
		expect(intake).toMatchObject({ scope: 'private', engagementId: 'e1', docName: 'coach:coach' });
	});

	it('drops notes moved to the trash and re-indexes renamed ones', async () => {
		const { db, engagement } = setup();
		const { doc, detach } = engagement('e1');
		const a = eng.createNote(doc, coach, { title: 'Alpha', text: '' });
		const b = eng.createNote(doc, coach, { title: 'Beta', text: '' });
		await detach.flush();
		eng.trashNote(doc, coach, { noteId: a.ok ? a.value : '' });
		eng.renameNote(doc, coach, { noteId: b.ok ? b.value : '', title: 'Gamma' });
		await detach.flush();
		expect(await searchNotes(db, 'alpha')).toEqual([]);
		expect(await searchNotes(db, 'beta')).toEqual([]);
		expect((await searchNotes(db, 'gam')).map((n) => n.title)).toEqual(['Gamma']);
		// Restored from the trash: found again.
		eng.restoreNote(doc, coach, { noteId: a.ok ? a.value : '' });
		await detach.flush();
		expect((await searchNotes(db, 'alpha')).map((n) => n.title)).toEqual(['Alpha']);
	});
});

describe('goals due', () => {
	it('lists open goals with a due date, soonest first, up to a day', async () => {
		const { db, engagement } = setup();
		const one = engagement('e1');
		const two = engagement('e2');
		const id = (result: WriteResult<string>) => (result.ok ? result.value : '');
		eng.createGoal(one.doc, coach, { title: 'Late', dueDate: '2026-06-30' });
		eng.createGoal(two.doc, client, { title: 'Soon', dueDate: '2026-05-03' });
		eng.createGoal(one.doc, coach, { title: 'Whenever' });
		const done = id(eng.createGoal(two.doc, coach, { title: 'Done', dueDate: '2026-05-01' }));
		eng.completeGoal(two.doc, coach, { goalId: done });
		const reopened = id(eng.createGoal(one.doc, coach, { title: 'Again', dueDate: '2026-05-10' }));
		eng.completeGoal(one.doc, coach, { goalId: reopened });
		eng.reopenGoal(one.doc, coach, { goalId: reopened });
		await Promise.all([one.detach.flush(), two.detach.flush()]);

		const titles = (rows: { title: string }[]) => rows.map((row) => row.title);
		expect(titles(await goalsDue(db))).toEqual(['Soon', 'Again', 'Late']);
		expect(titles(await goalsDue(db, { until: '2026-05-10' }))).toEqual(['Soon', 'Again']);
		expect(titles(await goalsDue(db, { engagementId: 'e1' }))).toEqual(['Again', 'Late']);
		const doneRow = await db.goals.get(`eng:e2/${done}`);
		expect(doneRow).toMatchObject({ status: 'done', completedAt: expect.any(Number) });
	});
});
