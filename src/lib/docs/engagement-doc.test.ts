import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import { commentThreads } from '../domain/engagement';
import * as eng from './engagement-doc';
import { serverOrigin, type TxOrigin } from './origin';

function openDoc(): Y.Doc {
	const doc = new Y.Doc();
	eng.migrate(doc);
	return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

describe('messages', () => {
	it('sends messages as plain objects with the injected clock and ids', () => {
		const doc = openDoc();
		const coach = buildActor('coach', { now: () => 1_700_000_000_000 });
		const id = unwrap(eng.sendMessage(doc, coach, { text: '  Hello there  ' }));
		expect(id).toBe('coach-1');
		expect(eng.listMessages(doc)).toEqual([
			{ id: 'coach-1', authorId: 'coach', text: 'Hello there', sentAt: 1_700_000_000_000 }
		]);
		// A stock client sees exactly the documented plain object.
		expect(doc.getArray('messages').toJSON()[0]).toEqual(eng.listMessages(doc)[0]);
		expect(Object.isFrozen(eng.listMessages(doc)[0])).toBe(true);
	});

	it('refuses empty and oversized messages as data', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		expect(eng.sendMessage(doc, coach, { text: '   ' })).toMatchObject({
			ok: false,
			error: 'invalid-input'
		});
		expect(eng.sendMessage(doc, coach, { text: 'x'.repeat(10_001) }).ok).toBe(false);
		expect(eng.listMessages(doc)).toEqual([]);
	});

	it('skips malformed entries written by a foreign client', () => {
		const doc = openDoc();
		doc.getArray('messages').push([42, { id: 'ok', text: 'fine', authorId: 'a', sentAt: 1 }]);
		expect(eng.listMessages(doc).map((m) => m.id)).toEqual(['ok']);
	});

	it('tracks read markers per user and counts unread messages from others', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const client = buildActor('client');
		const first = unwrap(eng.sendMessage(doc, coach, { text: 'one' }));
		const second = unwrap(eng.sendMessage(doc, coach, { text: 'two' }));
		unwrap(eng.sendMessage(doc, client, { text: 'mine' }));
		expect(eng.unreadCount(doc, 'client')).toBe(2);
		unwrap(eng.markRead(doc, client, { messageId: first }));
		expect(eng.unreadCount(doc, 'client')).toBe(1);
		unwrap(eng.markRead(doc, client, { messageId: second }));
		expect(eng.unreadCount(doc, 'client')).toBe(0);
		// Never moves backwards.
		unwrap(eng.markRead(doc, client, { messageId: first }));
		expect(eng.readMarker(doc, 'client')?.messageId).toBe(second);
		expect(eng.unreadCount(doc, 'coach')).toBe(1);
		expect(eng.markRead(doc, client, { messageId: 'nope' })).toMatchObject({ error: 'not-found' });
	});
});

describe('notes', () => {
	it('creates a note with a rich-text body and reads it back as plain data', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(eng.createNote(doc, coach, { title: 'Plan', text: 'Line one\nLine two' }));
		const note = eng.getNote(doc, id);
		expect(note).toMatchObject({
			id,
			title: 'Plan',
			bodyText: 'Line one\nLine two',
			visibility: 'shared',
			authorId: 'coach',
			engagementId: null,
			comments: []
		});
		const body = eng.noteBody(doc, id);
		expect(body?.toArray().map((child) => (child as Y.XmlElement).nodeName)).toEqual([
			'paragraph',
			'paragraph'
		]);
	});

	it('edits the body: insert, delete, format and paragraphs, touching updatedAt', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(eng.createNote(doc, coach, { title: 'T', text: 'Hello world' }));
		const createdAt = eng.getNote(doc, id)!.updatedAt;
		const edit = (e: eng.BodyEdit) => unwrap(eng.editNoteBody(doc, coach, { noteId: id, edit: e }));
		edit({ op: 'insert-text', paragraph: 0, offset: 5, text: ',' });
		edit({ op: 'format', paragraph: 0, offset: 0, length: 5, mark: 'bold' });
		edit({ op: 'insert-paragraph', index: 1, text: 'Second' });
		edit({ op: 'delete-text', paragraph: 0, offset: 6, length: 100 });
		expect(eng.getNote(doc, id)!.bodyText).toBe('Hello,\nSecond');
		expect(eng.noteBody(doc, id)!.toString()).toContain('<bold>Hello</bold>');
		edit({ op: 'remove-paragraph', index: 0 });
		expect(eng.getNote(doc, id)!.bodyText).toBe('Second');
		expect(eng.getNote(doc, id)!.updatedAt).toBeGreaterThan(createdAt);
		unwrap(eng.setNoteText(doc, coach, { noteId: id, text: 'Fresh' }));
		expect(eng.getNote(doc, id)!.bodyText).toBe('Fresh');
	});

	it('extracts plain text from structures an editor writes (nested blocks, breaks)', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(eng.createNote(doc, coach, { title: 'T' }));
		const body = eng.noteBody(doc, id)!;
		doc.transact(() => {
			const heading = new Y.XmlElement('heading');
			const list = new Y.XmlElement('bullet_list');
			body.insert(0, [heading, list]);
			heading.insert(0, [new Y.XmlText('Title')]);
			const item = new Y.XmlElement('list_item');
			list.insert(0, [item]);
			const para = new Y.XmlElement('paragraph');
			item.insert(0, [para]);
			const text = new Y.XmlText('a');
			para.insert(0, [text, new Y.XmlElement('hard_break'), new Y.XmlText('b')]);
			text.format(0, 1, { italic: {} });
		});
		expect(eng.getNote(doc, id)!.bodyText).toBe('Title\na\nb');
	});

	it('renames and deletes, reporting missing notes as not-found', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(eng.createNote(doc, coach, { title: 'Old' }));
		unwrap(eng.renameNote(doc, coach, { noteId: id, title: 'New' }));
		expect(eng.listNotes(doc).map((n) => n.title)).toEqual(['New']);
		expect(eng.renameNote(doc, coach, { noteId: id, title: '' }).ok).toBe(false);
		unwrap(eng.trashNote(doc, coach, { noteId: id }));
		expect(eng.listNotes(doc)).toEqual([]);
		expect(eng.trashNote(doc, coach, { noteId: id })).toMatchObject({ error: 'not-found' });
		expect(eng.renameNote(doc, coach, { noteId: 'nope', title: 'x' })).toMatchObject({
			error: 'not-found'
		});
		expect(
			eng.editNoteBody(doc, coach, { noteId: 'nope', edit: { op: 'replace', text: '' } }).ok
		).toBe(false);
	});

	describe('the trash', () => {
		const DAY = 86_400_000;

		it('only the author may delete; deleting is one field of the note, restorable by either side', () => {
			const doc = openDoc();
			const coach = buildActor('coach');
			const client = buildActor('client');
			const coachNote = unwrap(eng.createNote(doc, coach, { title: 'Plan', text: 'Run' }));
			const clientNote = unwrap(eng.createNote(doc, client, { title: 'Diary' }));

			expect(eng.trashNote(doc, client, { noteId: coachNote })).toMatchObject({
				ok: false,
				error: 'forbidden'
			});
			expect(
				eng
					.listNotes(doc)
					.map((n) => n.title)
					.sort()
			).toEqual(['Diary', 'Plan']);

			const before = JSON.stringify(doc.getMap('notes').get(clientNote));
			unwrap(eng.trashNote(doc, client, { noteId: clientNote }));
			expect(eng.listNotes(doc).map((n) => n.title)).toEqual(['Plan']);
			const [trashed] = eng.listTrash(doc);
			expect(trashed).toMatchObject({
				id: clientNote,
				title: 'Diary',
				deleted: { by: client.userId, at: expect.any(Number) }
			});
			// Still in the document, with only `deleted` added.
			const after = doc.getMap('notes').get(clientNote) as Y.Map<unknown>;
			expect({ ...JSON.parse(before), deleted: after.get('deleted') }).toEqual(after.toJSON());

			unwrap(eng.restoreNote(doc, coach, { noteId: clientNote }));
			expect(eng.listTrash(doc)).toEqual([]);
			expect(eng.getNote(doc, clientNote)).toMatchObject({ title: 'Diary', deleted: null });
			expect(eng.restoreNote(doc, coach, { noteId: clientNote })).toMatchObject({
				error: 'not-found'
			});
		});

		it('an edit made offline while the other device deleted is kept in the trashed note', () => {
			const [a, b] = [openDoc(), openDoc()];
			const coach = buildActor('coach');
			const id = unwrap(eng.createNote(a, coach, { title: 'Plan', text: 'one' }));
			sync(a, b);
			unwrap(eng.trashNote(a, coach, { noteId: id }));
			unwrap(eng.setNoteText(b, coach, { noteId: id, text: 'two' }));
			sync(a, b);
			for (const doc of [a, b]) {
				expect(eng.listTrash(doc)).toEqual([expect.objectContaining({ bodyText: 'two' })]);
			}
		});

		it("purges only the author's notes, and only after 30 days", () => {
			const doc = openDoc();
			let now = Date.UTC(2026, 0, 1);
			const coach = buildActor('coach', { now: () => now });
			const client = buildActor('client', { now: () => now });
			const mine = unwrap(eng.createNote(doc, coach, { title: 'Mine' }));
			const theirs = unwrap(eng.createNote(doc, client, { title: 'Theirs' }));
			unwrap(eng.trashNote(doc, coach, { noteId: mine }));
			unwrap(eng.trashNote(doc, client, { noteId: theirs }));
			now += 30 * DAY - 1;
			expect(eng.purgeTrash(doc, coach)).toBe(0);
			now += 1;
			expect(eng.purgeTrash(doc, coach)).toBe(1);
			expect(doc.getMap('notes').has(mine)).toBe(false);
			expect(eng.listTrash(doc).map((n) => n.title)).toEqual(['Theirs']);
		});
	});

	it('threads comments one level deep and resolves whole threads', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const client = buildActor('client');
		const noteId = unwrap(eng.createNote(doc, coach, { title: 'T' }));
		const root = unwrap(eng.addComment(doc, client, { noteId, text: 'Question?' }));
		const reply = unwrap(eng.addComment(doc, coach, { noteId, text: 'Answer', parentId: root }));
		const nested = unwrap(eng.addComment(doc, client, { noteId, text: 'Thanks', parentId: reply }));
		const comments = eng.getNote(doc, noteId)!.comments;
		expect(comments.find((c) => c.id === nested)?.parentId).toBe(root);
		expect(commentThreads(comments)).toHaveLength(1);
		unwrap(eng.resolveComment(doc, coach, { noteId, commentId: reply }));
		const resolved = eng.getNote(doc, noteId)!.comments.find((c) => c.id === root)!;
		expect(resolved).toMatchObject({ resolved: true, resolvedBy: 'coach' });
		unwrap(eng.reopenComment(doc, client, { noteId, commentId: root }));
		expect(eng.getNote(doc, noteId)!.comments[0]).toMatchObject({
			resolved: false,
			resolvedAt: null
		});
		expect(eng.addComment(doc, coach, { noteId, text: 'x', parentId: 'missing' }).ok).toBe(false);
	});
});

describe('goals', () => {
	it('creates, completes and reopens goals, keeping completedAt consistent', () => {
		const doc = openDoc();
		const client = buildActor('client', { now: () => 5_000 });
		const id = unwrap(eng.createGoal(doc, client, { title: 'Run 5k', dueDate: '2026-06-30' }));
		expect(eng.getGoal(doc, id)).toMatchObject({
			status: 'open',
			dueDate: '2026-06-30',
			completedAt: null,
			description: ''
		});
		unwrap(eng.completeGoal(doc, client, { goalId: id }));
		expect(eng.getGoal(doc, id)).toMatchObject({ status: 'done', completedAt: 5_000 });
		unwrap(eng.reopenGoal(doc, client, { goalId: id }));
		expect(eng.getGoal(doc, id)).toMatchObject({ status: 'open', completedAt: null });
	});

	it('validates titles and due dates and edits only the given fields', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		expect(eng.createGoal(doc, coach, { title: 'x', dueDate: '2026-02-30' }).ok).toBe(false);
		expect(eng.createGoal(doc, coach, { title: ' ' }).ok).toBe(false);
		const id = unwrap(eng.createGoal(doc, coach, { title: 'Sleep', description: 'More' }));
		unwrap(eng.editGoal(doc, coach, { goalId: id, dueDate: '2026-12-01' }));
		expect(eng.getGoal(doc, id)).toMatchObject({
			title: 'Sleep',
			description: 'More',
			dueDate: '2026-12-01'
		});
		unwrap(eng.deleteGoal(doc, coach, { goalId: id }));
		expect(eng.listGoals(doc)).toEqual([]);
		expect(eng.completeGoal(doc, coach, { goalId: id })).toMatchObject({ error: 'not-found' });
	});

	it('lists open goals first, by due date', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const late = unwrap(eng.createGoal(doc, coach, { title: 'late', dueDate: '2026-09-01' }));
		unwrap(eng.createGoal(doc, coach, { title: 'undated' }));
		unwrap(eng.createGoal(doc, coach, { title: 'soon', dueDate: '2026-04-01' }));
		unwrap(eng.completeGoal(doc, coach, { goalId: late }));
		expect(eng.listGoals(doc).map((g) => g.title)).toEqual(['soon', 'undated', 'late']);
	});
});

describe('origins and change events', () => {
	it('tags local writes, server writes and remote updates', () => {
		const doc = openDoc();
		const seen: TxOrigin[] = [];
		const off = eng.onChange(doc, (change) => seen.push(change.origin));
		unwrap(eng.sendMessage(doc, buildActor('coach'), { text: 'a' }));
		const server = buildActor('system', { origin: serverOrigin('booking-confirmed') });
		unwrap(eng.sendMessage(doc, server, { text: 'b' }));
		const other = new Y.Doc();
		eng.migrate(other);
		unwrap(eng.sendMessage(other, buildActor('client'), { text: 'c' }));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), { some: 'provider' });
		off();
		unwrap(eng.sendMessage(doc, buildActor('coach'), { text: 'after off' }));
		expect(seen).toEqual([
			{ kind: 'local', userId: 'coach' },
			{ kind: 'server', reason: 'booking-confirmed' },
			{ kind: 'remote' }
		]);
	});
});

describe('migrations', () => {
	it('stamps the schema version once and is idempotent', () => {
		const doc = new Y.Doc();
		expect(eng.migrate(doc)).toEqual({
			from: 0,
			to: eng.SCHEMA_VERSION,
			isNewerThanSupported: false
		});
		const before = Y.encodeStateVector(doc);
		expect(eng.migrate(doc).from).toBe(eng.SCHEMA_VERSION);
		expect(Y.encodeStateVector(doc)).toEqual(before);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(eng.SCHEMA_VERSION);
	});

	it('two replicas migrating concurrently and writing offline merge without losing anything', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		eng.migrate(a);
		eng.migrate(b);
		const coach = buildActor('coach');
		const client = buildActor('client');
		const noteA = unwrap(eng.createNote(a, coach, { title: 'A' }));
		unwrap(eng.sendMessage(a, coach, { text: 'from a' }));
		unwrap(eng.createGoal(b, client, { title: 'B goal' }));
		unwrap(eng.sendMessage(b, client, { text: 'from b' }));
		sync(a, b);
		eng.migrate(a);
		eng.migrate(b);
		for (const doc of [a, b]) {
			expect(eng.listMessages(doc)).toHaveLength(2);
			expect(eng.getNote(doc, noteA)?.title).toBe('A');
			expect(eng.listGoals(doc)).toHaveLength(1);
			expect(doc.getMap('meta').get('schemaVersion')).toBe(eng.SCHEMA_VERSION);
		}
		expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
	});

	it('does not migrate a document written by newer code', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', eng.SCHEMA_VERSION + 1);
		expect(eng.migrate(doc)).toMatchObject({
			isNewerThanSupported: true,
			to: eng.SCHEMA_VERSION + 1
		});
	});
});
