import type * as Y from 'yjs';
import type { Note } from '../domain/engagement';
import type { Actor } from './actor';
import { childFragment } from './fields';
import { addCommentTo, setCommentResolved } from './note-comments';
import {
	createNoteIn,
	editNoteBodyIn,
	listNotesIn,
	listTrashIn,
	noteMap,
	purgeTrashIn,
	readNoteIn,
	renameNoteIn,
	restoreNoteIn,
	touchNoteIn,
	trashNoteIn,
	type BodyEdit,
	type NoteStore
} from './note-store';
import { notesMap } from './engagement-schema';
import type { WriteResult } from './result';

const shared = (doc: Y.Doc): NoteStore => ({ doc, notes: notesMap(doc), visibility: 'shared' });

export function listNotes(doc: Y.Doc): readonly Note[] {
	return listNotesIn(shared(doc));
}

export function getNote(doc: Y.Doc, noteId: string): Note | null {
	return readNoteIn(shared(doc), noteId);
}

/**
 * The live body for an editor binding (y-prosemirror's ySyncPlugin). The one place a Y type
 * leaves this folder: the editor must edit the CRDT itself to merge keystrokes.
 */
export function noteBody(doc: Y.Doc, noteId: string): Y.XmlFragment | null {
	const note = noteMap(shared(doc), noteId);
	return note && childFragment(note, 'body');
}

export function createNote(
	doc: Y.Doc,
	actor: Actor,
	input: { title: string; text?: string }
): WriteResult<string> {
	return createNoteIn(shared(doc), actor, input);
}

export function renameNote(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; title: string }
): WriteResult {
	return renameNoteIn(shared(doc), actor, input);
}

/** The note's body was edited in the editor: moves its `updatedAt` to now. */
export function touchNote(doc: Y.Doc, actor: Actor, input: { noteId: string }): WriteResult {
	return touchNoteIn(shared(doc), actor, input);
}

/**
 * "Delete": moves the note to the trash (the author only), restorable for 30 days. A shared
 * note is never removed outright except by its author's purge of expired trash.
 */
export function trashNote(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; formerIds?: readonly string[] }
): WriteResult {
	return trashNoteIn(shared(doc), actor, input);
}

export function restoreNote(doc: Y.Doc, actor: Actor, input: { noteId: string }): WriteResult {
	return restoreNoteIn(shared(doc), actor, input.noteId);
}

/** The shared notes in the trash, most recently deleted first. */
export function listTrash(doc: Y.Doc): readonly Note[] {
	return listTrashIn(shared(doc));
}

/** Removes the actor's own notes (`formerIds` too) that were in the trash for 30 days; how many. */
export function purgeTrash(doc: Y.Doc, actor: Actor, formerIds: readonly string[] = []): number {
	return purgeTrashIn(shared(doc), actor, formerIds);
}

export function editNoteBody(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; edit: BodyEdit }
): WriteResult {
	return editNoteBodyIn(shared(doc), actor, input);
}

/** Replaces the whole body with plain paragraphs (forms without a rich-text editor). */
export function setNoteText(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; text: string }
): WriteResult {
	return editNoteBodyIn(shared(doc), actor, {
		noteId: input.noteId,
		edit: { op: 'replace', text: input.text }
	});
}

export function addComment(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; text: string; parentId?: string | null }
): WriteResult<string> {
	return addCommentTo({ doc, actor, note: noteMap(shared(doc), input.noteId) }, input);
}

export function resolveComment(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; commentId: string }
): WriteResult {
	const note = noteMap(shared(doc), input.noteId);
	return setCommentResolved({ doc, actor, note }, { commentId: input.commentId, resolved: true });
}

export function reopenComment(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; commentId: string }
): WriteResult {
	const note = noteMap(shared(doc), input.noteId);
	return setCommentResolved({ doc, actor, note }, { commentId: input.commentId, resolved: false });
}
