import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../../docs/actor';
import * as coachDoc from '../../docs/coach-doc';
import * as eng from '../../docs/engagement-doc';
import type { WriteResult } from '../../docs/result';
import { mayTrashNote, type Note } from '../../domain/engagement';
import { copyNoteBody } from '../../editor/copy';

/** The verbs one kind of note store offers (shared in `eng:`, private in `coach:`). */
interface NoteSource {
	list(): readonly Note[];
	get(noteId: string): Note | null;
	body(noteId: string): Y.XmlFragment | null;
	create(actor: Actor, title: string): WriteResult<string>;
	startBody(actor: Actor, noteId: string): void;
	rename(actor: Actor, noteId: string, title: string): WriteResult;
	touch(actor: Actor, noteId: string): WriteResult;
	remove(actor: Actor, noteId: string): WriteResult;
	mayDelete(actor: Actor, note: Note): boolean;
	trash(): readonly Note[];
	restore(actor: Actor, noteId: string): WriteResult;
	purge(actor: Actor): number;
}

const emptyParagraph = { op: 'insert-paragraph', index: 0, text: '' } as const;

const sharedSource = (doc: Y.Doc, formerIds: readonly string[]): NoteSource => ({
	list: () => eng.listNotes(doc),
	get: (noteId) => eng.getNote(doc, noteId),
	body: (noteId) => eng.noteBody(doc, noteId),
	create: (actor, title) => eng.createNote(doc, actor, { title, text: '' }),
	startBody: (actor, noteId) => eng.editNoteBody(doc, actor, { noteId, edit: emptyParagraph }),
	rename: (actor, noteId, title) => eng.renameNote(doc, actor, { noteId, title }),
	touch: (actor, noteId) => eng.touchNote(doc, actor, { noteId }),
	remove: (actor, noteId) => eng.trashNote(doc, actor, { noteId, formerIds }),
	mayDelete: (actor, note) => mayTrashNote(note, [actor.userId, ...formerIds]),
	trash: () => eng.listTrash(doc),
	restore: (actor, noteId) => eng.restoreNote(doc, actor, { noteId }),
	purge: (actor) => eng.purgeTrash(doc, actor, formerIds)
});

const privateSource = (doc: Y.Doc, engagementId: string): NoteSource => ({
	list: () => coachDoc.listPrivateNotes(doc, engagementId),
	get: (noteId) => coachDoc.getPrivateNote(doc, noteId),
	body: (noteId) => coachDoc.privateNoteBody(doc, noteId),
	create: (actor, title) => coachDoc.createPrivateNote(doc, actor, { engagementId, title }),
	startBody: (actor, noteId) =>
		coachDoc.editPrivateNoteBody(doc, actor, { noteId, edit: emptyParagraph }),
	rename: (actor, noteId, title) => coachDoc.renamePrivateNote(doc, actor, { noteId, title }),
	touch: (actor, noteId) => coachDoc.touchPrivateNote(doc, actor, { noteId }),
	remove: (actor, noteId) => coachDoc.trashPrivateNote(doc, actor, { noteId }),
	// The coach's own document: everything in it is theirs to delete.
	mayDelete: () => true,
	trash: () => coachDoc.listPrivateTrash(doc, engagementId),
	restore: (actor, noteId) => coachDoc.restorePrivateNote(doc, actor, { noteId }),
	purge: (actor) => coachDoc.purgePrivateTrash(doc, actor)
});

/**
 * The notes of one store as the UI sees them: a reactive list (re-read only after the document
 * changed) and the verbs. `NotesView.shared(doc, userId)` for an engagement's shared notes,
 * `NotesView.private(coachDoc, userId, engagementId)` for a coach's private notes about a client.
 *
 *     const shared = NotesView.shared(handle.doc, user.id);
 *     shared.notes; // reactive, most recently updated first
 *     const created = shared.create('Session 1');
 */
export class NotesView {
	readonly doc: Y.Doc;
	readonly kind: 'shared' | 'private';
	#source: NoteSource;
	#actor: Actor;
	#subscribe: () => void;
	// Not reactive on purpose: reactivity comes from #subscribe; a rune here would make any effect
	// that writes to the document (the editor's binding) depend on it.
	#version = 0;
	#cached: { version: number; notes: readonly Note[] } | null = null;
	#cachedTrash: { version: number; notes: readonly Note[] } | null = null;

	private constructor(options: {
		doc: Y.Doc;
		userId: string;
		kind: NotesView['kind'];
		source: NoteSource;
	}) {
		this.doc = options.doc;
		this.kind = options.kind;
		this.#source = options.source;
		this.#actor = createActor({ userId: options.userId });
		this.#subscribe = createSubscriber((update) =>
			eng.onChange(options.doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	/** `formerIds`: the person's ids before an import, whose notes are theirs too. */
	static shared(doc: Y.Doc, userId: string, formerIds: readonly string[] = []): NotesView {
		const source = sharedSource(doc, formerIds);
		return new NotesView({ doc, userId, kind: 'shared', source });
	}

	static private(doc: Y.Doc, userId: string, engagementId: string): NotesView {
		const source = privateSource(doc, engagementId);
		return new NotesView({ doc, userId, kind: 'private', source });
	}

	get actor(): Actor {
		return this.#actor;
	}

	get notes(): readonly Note[] {
		// Outside a reactive context nothing listens to the document, so the memo could be stale.
		if (!$effect.tracking()) {
			return this.#source.list();
		}
		this.#subscribe();
		const version = this.#version;
		if (this.#cached?.version !== version) {
			this.#cached = { version, notes: this.#source.list() };
		}
		return this.#cached.notes;
	}

	/** The notes in the trash, most recently deleted first (reactive like `notes`). */
	get trash(): readonly Note[] {
		if (!$effect.tracking()) {
			return this.#source.trash();
		}
		this.#subscribe();
		const version = this.#version;
		if (this.#cachedTrash?.version !== version) {
			this.#cachedTrash = { version, notes: this.#source.trash() };
		}
		return this.#cachedTrash.notes;
	}

	/** Whether this person may delete the note (its author only; the schema refuses others). */
	mayDelete(note: Note): boolean {
		return this.#source.mayDelete(this.#actor, note);
	}

	note(noteId: string): Note | null {
		return this.notes.find((note) => note.id === noteId) ?? null;
	}

	/** The live body for the editor binding; null once the note is deleted. */
	body(noteId: string): Y.XmlFragment | null {
		return this.#source.body(noteId);
	}

	/**
	 * A new note starts with one empty paragraph, in the same transaction, so the editor has a
	 * line to put the caret on without writing anything when someone merely opens the note.
	 */
	create(title: string): WriteResult<string> {
		return this.doc.transact(() => {
			const created = this.#source.create(this.#actor, title);
			if (created.ok) {
				this.#source.startBody(this.#actor, created.value);
			}
			return created;
		}, this.#actor.origin);
	}

	rename(noteId: string, title: string): WriteResult {
		return this.#source.rename(this.#actor, noteId, title);
	}

	/** Typing in the editor changed the body: the note counts as updated now. */
	touch(noteId: string): WriteResult {
		return this.#source.touch(this.#actor, noteId);
	}

	/** "Delete": moves the note to the trash, restorable for 30 days (and undoable at once). */
	remove(noteId: string): WriteResult {
		return this.#source.remove(this.#actor, noteId);
	}

	restore(noteId: string): WriteResult {
		return this.#source.restore(this.#actor, noteId);
	}

	/** Purges this person's notes that were in the trash for 30 days; call once it is loaded. */
	purgeExpired(): number {
		return this.#source.purge(this.#actor);
	}

	comment(input: { noteId: string; text: string; parentId?: string | null }): WriteResult<string> {
		return eng.addComment(this.doc, this.#actor, input);
	}

	setResolved(input: { noteId: string; commentId: string; resolved: boolean }): WriteResult {
		const target = { noteId: input.noteId, commentId: input.commentId };
		return input.resolved
			? eng.resolveComment(this.doc, this.#actor, target)
			: eng.reopenComment(this.doc, this.#actor, target);
	}
}

/**
 * "Share with client": a NEW shared note holding a copy of the private note's title and body,
 * made in one transaction of the shared document. It is a copy, not a link: later edits of the
 * private note stay in `coach:`, which the client can never open.
 */
export function sharePrivateNote(options: {
	from: NotesView;
	to: NotesView;
	noteId: string;
}): WriteResult<string> {
	const { from, to, noteId } = options;
	const note = from.note(noteId);
	const source = from.body(noteId);
	if (from.kind !== 'private' || to.kind !== 'shared' || !note || !source) {
		return { ok: false, error: 'not-found', message: 'That private note no longer exists.' };
	}
	return to.doc.transact(() => {
		const created = to.create(note.title);
		const target = created.ok ? to.body(created.value) : null;
		if (target) {
			copyNoteBody(source, target);
		}
		return created;
	}, to.actor.origin);
}
