import * as Y from 'yjs';
import {
	MAX_NOTE_TEXT_LENGTH,
	MAX_TITLE_LENGTH,
	mayTrashNote,
	purgeAt,
	textProblem,
	type Note,
	type NoteDeletion,
	type NoteVisibility
} from '../domain/engagement';
import { write, type Actor } from './actor';
import { readComments } from './note-comments';
import {
	childFragment,
	isRecord,
	mapFields,
	num,
	oneOf,
	text,
	textOrNull,
	type Fields
} from './fields';
import { done, refused, type WriteResult } from './result';
import * as rich from './rich-text';

/*
 * Notes are shared between `eng:` (shared notes) and `coach:` (private notes): a Y.Map of
 * noteId → note Y.Map. A note's body (Y.XmlFragment) and comments (Y.Array) are created together
 * with the note, never later: creating a nested type lazily on two offline replicas would let
 * one replace the other and drop whatever was written into the loser.
 */

export interface NoteStore {
	readonly doc: Y.Doc;
	readonly notes: Y.Map<unknown>;
	readonly visibility: NoteVisibility;
}

export type BodyEdit =
	| { readonly op: 'replace'; readonly text: string }
	| {
			readonly op: 'insert-text';
			readonly paragraph: number;
			readonly offset: number;
			readonly text: string;
	  }
	| {
			readonly op: 'delete-text';
			readonly paragraph: number;
			readonly offset: number;
			readonly length: number;
	  }
	| {
			readonly op: 'format';
			readonly paragraph: number;
			readonly offset: number;
			readonly length: number;
			readonly mark: rich.Mark;
	  }
	| { readonly op: 'insert-paragraph'; readonly index: number; readonly text: string }
	| { readonly op: 'remove-paragraph'; readonly index: number };

export function noteMap(store: NoteStore, noteId: string): Y.Map<unknown> | null {
	const value = store.notes.get(noteId);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function createNoteIn(
	store: NoteStore,
	actor: Actor,
	input: { title: string; text?: string; engagementId?: string }
): WriteResult<string> {
	const problem =
		textProblem(input.title, 'The title', MAX_TITLE_LENGTH) ??
		((input.text?.length ?? 0) > MAX_NOTE_TEXT_LENGTH ? 'The note is too long.' : null);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const id = actor.newId();
	write(store.doc, actor, () => {
		const note = new Y.Map<unknown>();
		store.notes.set(id, note);
		const now = actor.now();
		note.set('id', id);
		note.set('title', input.title.trim());
		note.set('visibility', store.visibility);
		note.set('authorId', actor.userId);
		note.set('createdAt', now);
		note.set('updatedAt', now);
		if (input.engagementId !== undefined) {
			note.set('engagementId', input.engagementId);
		}
		const body = new Y.XmlFragment();
		note.set('body', body);
		note.set('comments', new Y.Array<Y.Map<unknown>>());
		rich.replaceWithPlain(body, input.text ?? '');
	});
	return done(id);
}

/**
 * Marks a note as edited now. The body is edited by the editor binding (y-prosemirror), which
 * does not go through our verbs, so the editor calls this, debounced, after local typing.
 */
export function touchNoteIn(
	store: NoteStore,
	actor: Actor,
	input: { noteId: string }
): WriteResult {
	const note = noteMap(store, input.noteId);
	if (!note) {
		return refused('not-found', 'That note no longer exists.');
	}
	write(store.doc, actor, () => note.set('updatedAt', actor.now()));
	return done(null);
}

export function renameNoteIn(
	store: NoteStore,
	actor: Actor,
	input: { noteId: string; title: string }
): WriteResult {
	const problem = textProblem(input.title, 'The title', MAX_TITLE_LENGTH);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const note = noteMap(store, input.noteId);
	if (!note) {
		return refused('not-found', 'That note no longer exists.');
	}
	write(store.doc, actor, () => {
		note.set('title', input.title.trim());
		note.set('updatedAt', actor.now());
	});
	return done(null);
}

/**
 * Removes a note for good. Only the trash purge does this (purgeTrashIn); deleting wins over
 * concurrent edits of the same note: those edits land in a removed map.
 */
export function deleteNoteIn(store: NoteStore, actor: Actor, noteId: string): WriteResult {
	if (!noteMap(store, noteId)) {
		return refused('not-found', 'That note no longer exists.');
	}
	write(store.doc, actor, () => store.notes.delete(noteId));
	return done(null);
}

/**
 * Moves a note to the trash: ONE key of the note's own map, `deleted`, gets `{ by, at }`. One
 * plain-object key (not two) so a concurrent trash and restore merge to one or the other, never
 * to half of each; and a field update, not a removal, so the sync server can check it (only the
 * author may write it, docs/data-model.md) and nothing written concurrently is lost.
 */
export function trashNoteIn(
	store: NoteStore,
	actor: Actor,
	input: { noteId: string; formerIds?: readonly string[] }
): WriteResult {
	const note = noteMap(store, input.noteId);
	const current = note && readNote(note, input.noteId);
	if (!note || !current || current.deleted) {
		return refused('not-found', 'That note no longer exists.');
	}
	if (!isOwnedBy(store, current, actor, input.formerIds)) {
		return refused('forbidden', 'Only the person who wrote a note can delete it.');
	}
	const deletion: NoteDeletion = { by: actor.userId, at: actor.now() };
	write(store.doc, actor, () => note.set('deleted', deletion));
	return done(null);
}

/** Takes a note out of the trash (either side may: restoring never loses anything). */
export function restoreNoteIn(store: NoteStore, actor: Actor, noteId: string): WriteResult {
	const note = noteMap(store, noteId);
	if (!note || !readNote(note, noteId).deleted) {
		return refused('not-found', 'That note is no longer in the trash.');
	}
	write(store.doc, actor, () => note.set('deleted', null));
	return done(null);
}

/**
 * Whether the actor counts as the note's author. Everything in `coach:` is its one owner's (the
 * sync server lets no one else open it), so there every writer does.
 */
function isOwnedBy(
	store: NoteStore,
	note: Note,
	actor: Actor,
	formerIds: readonly string[] = []
): boolean {
	return store.visibility === 'private' || mayTrashNote(note, [actor.userId, ...formerIds]);
}

/**
 * Removes this person's notes that have been in the trash for TRASH_KEEP_MS; the number purged.
 * Only the author's device purges (the removal of a key is a delete, which the sync server
 * allows only to the note's author and only past the keep time).
 */
export function purgeTrashIn(
	store: NoteStore,
	actor: Actor,
	formerIds: readonly string[] = []
): number {
	const now = actor.now();
	const expired = listTrashIn(store).filter(
		(note) =>
			isOwnedBy(store, note, actor, formerIds) && note.deleted && purgeAt(note.deleted) <= now
	);
	if (expired.length > 0) {
		write(store.doc, actor, () => expired.forEach((note) => store.notes.delete(note.id)));
	}
	return expired.length;
}

function readDeletion(fields: Fields): NoteDeletion | null {
	const value = fields['deleted'];
	if (!isRecord(value)) {
		return null;
	}
	// A foreign writer's damaged marker still means "in the trash": hiding beats resurrecting.
	return { by: text(value, 'by'), at: num(value, 'at') };
}

function applyEdit(body: Y.XmlFragment, edit: BodyEdit): boolean {
	switch (edit.op) {
		case 'replace':
			rich.replaceWithPlain(body, edit.text);
			return true;
		case 'insert-text':
			return rich.insertText(body, edit, edit.text);
		case 'delete-text':
			return rich.deleteText(body, edit, edit.length);
		case 'format':
			return rich.formatText(body, edit);
		case 'insert-paragraph':
			rich.insertParagraph(body, edit.index, edit.text);
			return true;
		case 'remove-paragraph':
			return rich.removeParagraph(body, edit.index);
	}
}

/** Applies one edit to a note's body; positions out of range are clamped, not refused. */
export function editNoteBodyIn(
	store: NoteStore,
	actor: Actor,
	input: { noteId: string; edit: BodyEdit }
): WriteResult {
	const note = noteMap(store, input.noteId);
	const body = note && childFragment(note, 'body');
	if (!note || !body) {
		return refused('not-found', 'That note no longer exists.');
	}
	write(store.doc, actor, () => {
		if (applyEdit(body, input.edit)) {
			note.set('updatedAt', actor.now());
		}
	});
	return done(null);
}

export function readNote(note: Y.Map<unknown>, fallbackId: string): Note {
	const fields = mapFields(note);
	const body = childFragment(note, 'body');
	return Object.freeze({
		id: text(fields, 'id', fallbackId),
		title: text(fields, 'title'),
		bodyText: body ? rich.richTextToPlain(body) : '',
		visibility: oneOf(fields, 'visibility', ['shared', 'private'] as const, 'shared'),
		authorId: text(fields, 'authorId'),
		createdAt: num(fields, 'createdAt'),
		updatedAt: num(fields, 'updatedAt'),
		engagementId: textOrNull(fields, 'engagementId'),
		comments: readComments(note),
		deleted: readDeletion(fields)
	});
}

export function readNoteIn(store: NoteStore, noteId: string): Note | null {
	const note = noteMap(store, noteId);
	return note ? readNote(note, noteId) : null;
}

function allNotesIn(store: NoteStore): Note[] {
	const notes: Note[] = [];
	for (const [id, value] of store.notes.entries()) {
		if (value instanceof Y.Map) {
			notes.push(readNote(value as Y.Map<unknown>, id));
		}
	}
	return notes;
}

/**
 * The notes not in the trash, most recently updated first; ties by id so every replica lists
 * them in the same order.
 */
export function listNotesIn(store: NoteStore): Note[] {
	return allNotesIn(store)
		.filter((note) => !note.deleted)
		.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
}

/** The notes in the trash, most recently deleted first. */
export function listTrashIn(store: NoteStore): Note[] {
	return allNotesIn(store)
		.filter((note) => note.deleted)
		.sort((a, b) => b.deleted!.at - a.deleted!.at || (a.id < b.id ? -1 : 1));
}
