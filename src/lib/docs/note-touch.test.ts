import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from './actor';
import * as coach from './coach-doc';
import * as eng from './engagement-doc';

function clockAt(start: number) {
	let now = start;
	return { now: () => now, set: (t: number) => (now = t) };
}

describe('touching a note after editor typing', () => {
	it('moves a shared note to the top of the most-recently-updated list', () => {
		const doc = new Y.Doc();
		eng.migrate(doc);
		const clock = clockAt(1_000);
		const actor = createActor({ userId: 'u', now: clock.now });
		const first = eng.createNote(doc, actor, { title: 'First', text: '' });
		clock.set(2_000);
		eng.createNote(doc, actor, { title: 'Second', text: '' });
		expect(eng.listNotes(doc).map((n) => n.title)).toEqual(['Second', 'First']);
		clock.set(3_000);
		expect(first.ok && eng.touchNote(doc, actor, { noteId: first.value }).ok).toBe(true);
		expect(eng.listNotes(doc)[0]).toMatchObject({ title: 'First', updatedAt: 3_000 });
		expect(eng.touchNote(doc, actor, { noteId: 'missing' })).toMatchObject({ error: 'not-found' });
	});

	it('does the same for a private note', () => {
		const doc = new Y.Doc();
		coach.migrate(doc);
		const clock = clockAt(5_000);
		const actor = createActor({ userId: 'coach', now: clock.now });
		const note = coach.createPrivateNote(doc, actor, { engagementId: 'e1', title: 'Private' });
		clock.set(9_000);
		expect(note.ok && coach.touchPrivateNote(doc, actor, { noteId: note.value }).ok).toBe(true);
		expect(coach.listPrivateNotes(doc, 'e1')[0]?.updatedAt).toBe(9_000);
	});
});
