import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as coachDoc from '../../docs/coach-doc';
import * as eng from '../../docs/engagement-doc';
import { NotesView, sharePrivateNote } from './notes-view.svelte';

function docs() {
	const shared = new Y.Doc();
	const coach = new Y.Doc();
	eng.migrate(shared);
	coachDoc.migrate(coach);
	return {
		shared: NotesView.shared(shared, 'coach-1'),
		personal: NotesView.private(coach, 'coach-1', 'eng-1'),
		coachYDoc: coach
	};
}

describe('NotesView', () => {
	it('a new note has one empty paragraph for the editor and lists first', () => {
		const { shared } = docs();
		const first = shared.create('First');
		const second = shared.create('Second');
		expect(first.ok && second.ok).toBe(true);
		expect(shared.notes.map((n) => n.title).sort()).toEqual(['First', 'Second']);
		const body = second.ok ? shared.body(second.value) : null;
		expect(body?.length).toBe(1);
		expect((body?.get(0) as Y.XmlElement).nodeName).toBe('paragraph');
		expect(shared.create('  ').ok).toBe(false);
	});

	it('updates readers when the document changes, and reads fresh outside effects', () => {
		const { shared } = docs();
		const seen: number[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				seen.push(shared.notes.length);
			});
		});
		flushSync();
		shared.create('One');
		flushSync();
		expect(seen).toEqual([0, 1]);
		stop();
		shared.create('Two');
		expect(shared.notes).toHaveLength(2);
	});

	it('private notes are listed per engagement, comments go to shared notes', () => {
		const { shared, personal, coachYDoc } = docs();
		personal.create('About this client');
		coachDoc.createPrivateNote(coachYDoc, personal.actor, {
			engagementId: 'eng-2',
			title: 'Other'
		});
		expect(personal.notes.map((n) => n.title)).toEqual(['About this client']);
		const note = shared.create('Plan');
		const noteId = note.ok ? note.value : '';
		const comment = shared.comment({ noteId, text: 'Question' });
		expect(comment.ok).toBe(true);
		const commentId = comment.ok ? comment.value : '';
		shared.setResolved({ noteId, commentId, resolved: true });
		expect(shared.note(noteId)?.comments[0]?.resolved).toBe(true);
		shared.setResolved({ noteId, commentId, resolved: false });
		expect(shared.note(noteId)?.comments[0]?.resolved).toBe(false);
	});
});

describe('sharing a private note', () => {
	it('creates a shared copy in one transaction; later private edits do not reach it', () => {
		const { shared, personal, coachYDoc } = docs();
		const created = personal.create('Intake');
		const noteId = created.ok ? created.value : '';
		coachDoc.editPrivateNoteBody(coachYDoc, personal.actor, {
			noteId,
			edit: { op: 'replace', text: 'Goals: sleep\nRuns twice a week' }
		});
		const updates: Uint8Array[] = [];
		shared.doc.on('update', (update: Uint8Array) => updates.push(update));

		const result = sharePrivateNote({ from: personal, to: shared, noteId });
		expect(result.ok).toBe(true);
		expect(updates).toHaveLength(1);
		const copy = shared.notes[0];
		expect(copy).toMatchObject({
			title: 'Intake',
			visibility: 'shared',
			bodyText: 'Goals: sleep\nRuns twice a week'
		});

		coachDoc.editPrivateNoteBody(coachYDoc, personal.actor, {
			noteId,
			edit: { op: 'insert-text', paragraph: 0, offset: 0, text: 'SECRET ' }
		});
		expect(shared.note(copy?.id ?? '')?.bodyText).toBe('Goals: sleep\nRuns twice a week');
		expect(personal.note(noteId)?.bodyText.startsWith('SECRET')).toBe(true);
	});

	it('refuses to share a note that is gone or a shared note', () => {
		const { shared, personal } = docs();
		expect(sharePrivateNote({ from: personal, to: shared, noteId: 'missing' }).ok).toBe(false);
		const note = shared.create('Shared');
		const noteId = note.ok ? note.value : '';
		expect(sharePrivateNote({ from: shared, to: shared, noteId }).ok).toBe(false);
	});
});
