/**
 * The typed schema of `coach:<userId>`: only that coach reads or writes it. Private notes about
 * each client, the greeting new clients see, and the coach's profile.
 *
 *     import * as coachDoc from '../docs/coach-doc';
 *     coachDoc.setPrivateNote(doc, coach, { engagementId, title: 'Intake', text: '...' });
 */
import * as Y from 'yjs';
import {
	MAX_BIO_LENGTH,
	MAX_GREETING_LENGTH,
	MAX_LINKS,
	linkProblem,
	photoProblem,
	type CoachProfile,
	type Greeting,
	type ProfileLink
} from '../domain/coach-profile';
import { MAX_TITLE_LENGTH, type Note } from '../domain/engagement';
import { write, type Actor } from './actor';
import { childFragment, isRecord, mapFields, num, text, textOrNull } from './fields';
import { META, runMigrations, type Migration, type MigrationReport } from './migrations';
import {
	createNoteIn,
	deleteNoteIn,
	listTrashIn,
	purgeTrashIn,
	restoreNoteIn,
	trashNoteIn,
	editNoteBodyIn,
	listNotesIn,
	noteMap,
	readNoteIn,
	renameNoteIn,
	touchNoteIn,
	type BodyEdit,
	type NoteStore
} from './note-store';
import { done, refused, type WriteResult } from './result';
import { defineTopLevel, type TopLevelShape } from './top-level';

export { onDocChange as onChange } from './change';

/*
 * Private notes live in ONE flat map (noteId → note, with an `engagementId` field) rather than a
 * map per engagement: a per-engagement map would be created on first use, and two of the coach's
 * devices doing that offline would each create one, and the merge would keep only one of them.
 */
export const TOP_LEVEL = {
	privateNotes: 'map',
	greeting: 'map',
	profile: 'map',
	[META]: 'map'
} as const satisfies TopLevelShape;

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'declare privateNotes, greeting, profile and meta',
		up: (doc) => defineTopLevel(doc, TOP_LEVEL)
	}
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(doc: Y.Doc): MigrationReport {
	defineTopLevel(doc, TOP_LEVEL);
	return runMigrations(doc, MIGRATIONS);
}

const store = (doc: Y.Doc): NoteStore => ({
	doc,
	notes: doc.getMap<unknown>('privateNotes'),
	visibility: 'private'
});

/** The coach's private notes about one engagement, most recently updated first. */
export function listPrivateNotes(doc: Y.Doc, engagementId: string): readonly Note[] {
	return Object.freeze(listNotesIn(store(doc)).filter((n) => n.engagementId === engagementId));
}

/**
 * Every private note, whatever engagement it is about, most recently updated first: for the
 * notes whose client is gone (ended, or no longer listed), which no client page shows.
 */
export function listAllPrivateNotes(doc: Y.Doc): readonly Note[] {
	return Object.freeze(listNotesIn(store(doc)));
}

export function getPrivateNote(doc: Y.Doc, noteId: string): Note | null {
	return readNoteIn(store(doc), noteId);
}

/** The live body for an editor binding; see engagement-doc's noteBody. */
export function privateNoteBody(doc: Y.Doc, noteId: string): Y.XmlFragment | null {
	const note = noteMap(store(doc), noteId);
	return note && childFragment(note, 'body');
}

export function createPrivateNote(
	doc: Y.Doc,
	actor: Actor,
	input: { engagementId: string; title: string; text?: string }
): WriteResult<string> {
	if (input.engagementId.length === 0) {
		return refused('invalid-input', 'A private note belongs to an engagement.');
	}
	return createNoteIn(store(doc), actor, input);
}

/**
 * Creates the note, or with `noteId` updates its title and replaces its text: the verb for a
 * simple "notes about this client" form. Title and text change in one transaction.
 */
export function setPrivateNote(
	doc: Y.Doc,
	actor: Actor,
	input: { engagementId: string; noteId?: string; title: string; text: string }
): WriteResult<string> {
	if (input.noteId === undefined) {
		return createPrivateNote(doc, actor, input);
	}
	const noteId = input.noteId;
	return write(doc, actor, () => {
		const renamed = renameNoteIn(store(doc), actor, { noteId, title: input.title });
		if (!renamed.ok) {
			return renamed;
		}
		const edited = editNoteBodyIn(store(doc), actor, {
			noteId,
			edit: { op: 'replace', text: input.text }
		});
		return edited.ok ? done(noteId) : edited;
	});
}

export function renamePrivateNote(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; title: string }
): WriteResult {
	return renameNoteIn(store(doc), actor, input);
}

/** The private note's body was edited in the editor: moves its `updatedAt` to now. */
export function touchPrivateNote(doc: Y.Doc, actor: Actor, input: { noteId: string }): WriteResult {
	return touchNoteIn(store(doc), actor, input);
}

export function editPrivateNoteBody(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string; edit: BodyEdit }
): WriteResult {
	return editNoteBodyIn(store(doc), actor, input);
}

/** Moves a private note to the trash (restorable for 30 days, like shared notes). */
export function trashPrivateNote(doc: Y.Doc, actor: Actor, input: { noteId: string }): WriteResult {
	return trashNoteIn(store(doc), actor, input);
}

export function restorePrivateNote(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string }
): WriteResult {
	return restoreNoteIn(store(doc), actor, input.noteId);
}

/** The trashed private notes about one engagement, most recently deleted first. */
export function listPrivateTrash(doc: Y.Doc, engagementId: string): readonly Note[] {
	return Object.freeze(listTrashIn(store(doc)).filter((n) => n.engagementId === engagementId));
}

export function purgePrivateTrash(doc: Y.Doc, actor: Actor): number {
	return purgeTrashIn(store(doc), actor);
}

/** Removes a private note outright (no trash); the app moves notes to the trash instead. */
export function deletePrivateNote(
	doc: Y.Doc,
	actor: Actor,
	input: { noteId: string }
): WriteResult {
	return deleteNoteIn(store(doc), actor, input.noteId);
}

/**
 * After an import the private notes still name the exporting server's engagement ids: point
 * them at the new ones. Only notes whose id is in `mapping` change, so running it again (a
 * second import of the same file) writes nothing. Returns how many notes moved.
 */
export function remapPrivateNoteEngagements(
	doc: Y.Doc,
	actor: Actor,
	mapping: ReadonlyMap<string, string>
): number {
	const moves: [Y.Map<unknown>, string][] = [];
	for (const value of doc.getMap<unknown>('privateNotes').values()) {
		const from = value instanceof Y.Map ? value.get('engagementId') : undefined;
		const to = typeof from === 'string' ? mapping.get(from) : undefined;
		if (to !== undefined && to !== from) {
			moves.push([value as Y.Map<unknown>, to]);
		}
	}
	if (moves.length > 0) {
		write(doc, actor, () => moves.forEach(([note, to]) => note.set('engagementId', to)));
	}
	return moves.length;
}

export function readGreeting(doc: Y.Doc): Greeting | null {
	const fields = mapFields(doc.getMap<unknown>('greeting'));
	if (typeof fields.text !== 'string') {
		return null;
	}
	return Object.freeze({ text: fields.text, updatedAt: num(fields, 'updatedAt') });
}

/** The greeting is replaced as a whole (last writer wins), not merged character by character. */
export function setGreeting(doc: Y.Doc, actor: Actor, input: { text: string }): WriteResult {
	if (input.text.length > MAX_GREETING_LENGTH) {
		return refused('invalid-input', `Keep the greeting under ${MAX_GREETING_LENGTH} characters.`);
	}
	write(doc, actor, () => {
		const map = doc.getMap<unknown>('greeting');
		map.set('text', input.text.trim());
		map.set('updatedAt', actor.now());
	});
	return done(null);
}

function toLinks(value: unknown): readonly ProfileLink[] {
	if (!Array.isArray(value)) {
		return Object.freeze([]);
	}
	const links = value
		.filter(isRecord)
		.map((link) => Object.freeze({ label: text(link, 'label'), url: text(link, 'url') }));
	return Object.freeze(links);
}

export function readProfile(doc: Y.Doc): CoachProfile | null {
	const fields = mapFields(doc.getMap<unknown>('profile'));
	if (typeof fields.name !== 'string') {
		return null;
	}
	return Object.freeze({
		name: fields.name,
		bio: text(fields, 'bio'),
		links: toLinks(fields.links),
		photo: textOrNull(fields, 'photo'),
		updatedAt: num(fields, 'updatedAt')
	});
}

export type ProfileInput = Omit<CoachProfile, 'updatedAt'>;

function profileProblem(input: ProfileInput): string | null {
	if (input.name.trim().length === 0 || input.name.length > MAX_TITLE_LENGTH) {
		return 'Enter the name clients will see.';
	}
	if (input.bio.length > MAX_BIO_LENGTH) {
		return `Keep the bio under ${MAX_BIO_LENGTH} characters.`;
	}
	if (input.links.length > MAX_LINKS) {
		return `Add at most ${MAX_LINKS} links.`;
	}
	return input.links.map(linkProblem).find((p) => p !== null) ?? photoProblem(input.photo);
}

export function setProfile(doc: Y.Doc, actor: Actor, input: ProfileInput): WriteResult {
	const problem = profileProblem(input);
	if (problem) {
		return refused('invalid-input', problem);
	}
	write(doc, actor, () => {
		const map = doc.getMap<unknown>('profile');
		map.set('name', input.name.trim());
		map.set('bio', input.bio.trim());
		// Stored as one plain JSON value: the list is edited as a whole in the profile form.
		map.set(
			'links',
			input.links.map((link) => ({ label: link.label.trim(), url: link.url }))
		);
		map.set('photo', input.photo);
		map.set('updatedAt', actor.now());
	});
	return done(null);
}
