import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../../docs/actor';
import * as eng from '../../docs/engagement-doc';
import { NoteUndo } from './note-undo.svelte';
import { NotesView } from './notes-view.svelte';

function sharedDoc() {
	const doc = new Y.Doc();
	eng.migrate(doc);
	return doc;
}

describe('NotesView delete, trash and NoteUndo', () => {
	it('offers delete only on your own notes, ids from before an import included', () => {
		const doc = sharedDoc();
		const old = eng.createNote(doc, createActor({ userId: 'coach-old' }), { title: 'Imported' });
		const theirs = eng.createNote(doc, createActor({ userId: 'client-1' }), { title: 'Theirs' });
		const coach = NotesView.shared(doc, 'coach-1', ['coach-old']);
		const client = NotesView.shared(doc, 'client-1');
		const note = (title: string) => coach.notes.find((n) => n.title === title)!;

		expect(coach.mayDelete(note('Imported'))).toBe(true);
		expect(coach.mayDelete(note('Theirs'))).toBe(false);
		expect(client.mayDelete(note('Imported'))).toBe(false);
		expect(client.remove(old.ok ? old.value : '')).toMatchObject({ error: 'forbidden' });
		expect(coach.remove(old.ok ? old.value : '').ok).toBe(true);
		expect(coach.trash.map((n) => [n.title, n.deleted?.by])).toEqual([['Imported', 'coach-1']]);
		expect(coach.notes.map((n) => n.title)).toEqual(['Theirs']);
		expect(theirs.ok).toBe(true);
	});

	it('Undo restores exactly the note just deleted, once', () => {
		const doc = sharedDoc();
		const view = NotesView.shared(doc, 'client-1');
		const a = view.create('A');
		const b = view.create('B');
		const undo = new NoteUndo();
		undo.delete(view, a.ok ? a.value : '');
		undo.delete(view, b.ok ? b.value : '');
		expect(undo.last?.title).toBe('B');

		expect(undo.undo()?.ok).toBe(true);
		expect(view.notes.map((n) => n.title)).toEqual(['B']);
		expect(view.trash.map((n) => n.title)).toEqual(['A']);
		expect(undo.last).toBeNull();
		expect(undo.undo()).toBeNull();
	});

	it('a refused delete leaves no offer, only the reason', () => {
		const doc = sharedDoc();
		const other = eng.createNote(doc, createActor({ userId: 'coach-1' }), { title: 'Plan' });
		const undo = new NoteUndo();
		undo.delete(NotesView.shared(doc, 'client-1'), other.ok ? other.value : '');
		expect(undo.last).toBeNull();
		expect(undo.error).toBe('Only the person who wrote a note can delete it.');
	});
});
