import type { NoteRow, TandemIndexDb } from '../../local/db';
import { notesOf, searchNotes } from '../../local/indexers/queries';
import { LiveQuery } from '../app/live-query.svelte';

/**
 * An engagement's notes as the Dexie index holds them (so the list is live across tabs and
 * works offline), for components that list or search notes without opening a document.
 * Components get one from here rather than querying the index themselves.
 *
 *     const notes = $derived(IndexedNotes.of(indexDb, engagement.id));
 *     const found = $derived(IndexedNotes.matching(indexDb, engagement.id, query));
 */
export class IndexedNotes {
	readonly #rows: LiveQuery<NoteRow[]>;

	private constructor(query: () => Promise<NoteRow[]>) {
		this.#rows = new LiveQuery(query, []);
	}

	/** Every note of the engagement, most recently updated first. */
	static of(db: TandemIndexDb, engagementId: string): IndexedNotes {
		return new IndexedNotes(() => notesOf(db, engagementId));
	}

	/** The engagement's notes matching a search (see `searchNotes`). */
	static matching(db: TandemIndexDb, engagementId: string, query: string): IndexedNotes {
		return new IndexedNotes(() => searchNotes(db, query, { engagementId }));
	}

	/** The latest rows; empty until the first answer from the index. */
	get current(): NoteRow[] {
		return this.#rows.current;
	}
}
