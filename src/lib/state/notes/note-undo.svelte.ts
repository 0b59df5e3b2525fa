import type { WriteResult } from '../../docs/result';
import type { NotesView } from './notes-view.svelte';

interface Deleted {
	readonly notes: NotesView;
	readonly id: string;
	readonly title: string;
}

/**
 * The "Note deleted · Undo" offer right after a delete: remembers the last note this person moved
 * to the trash, so Undo restores exactly that one (the trash list restores any, for 30 days).
 *
 *     const undo = new NoteUndo();
 *     undo.delete(session.notes, noteId); // undo.last → { title } while the offer stands
 *     undo.undo();
 */
export class NoteUndo {
	#last = $state.raw<Deleted | null>(null);
	#error = $state<string | null>(null);

	/** The note the offer is about, or null when there is none. */
	get last(): Pick<Deleted, 'id' | 'title'> | null {
		return this.#last;
	}

	/** Why the last delete or undo was refused (shown in place of the offer). */
	get error(): string | null {
		return this.#error;
	}

	delete(notes: NotesView, noteId: string): WriteResult {
		const title = notes.note(noteId)?.title ?? '';
		const result = notes.remove(noteId);
		this.#last = result.ok ? { notes, id: noteId, title } : null;
		this.#error = result.ok ? null : result.message;
		return result;
	}

	undo(): WriteResult | null {
		const last = this.#last;
		this.#last = null;
		const result = last ? last.notes.restore(last.id) : null;
		this.#error = result && !result.ok ? result.message : null;
		return result;
	}

	dismiss(): void {
		this.#last = null;
		this.#error = null;
	}
}
