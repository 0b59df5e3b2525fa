import type { Awareness } from 'y-protocols/awareness';
import type { DocRegistry } from '../../local/doc-registry';
import type { DocView } from '../../local/doc-view.svelte';
import { NotesView } from './notes-view.svelte';
import { Presence } from './presence.svelte';

/** One opened note store: its notes, its awareness and this person's presence on it. */
export interface NotesSession {
	readonly notes: NotesView;
	readonly awareness: Awareness;
	readonly presence: Presence;
}

/**
 * `registry.view` of a note store: once its local copy is loaded, its notes and this person's
 * presence on it; closing withdraws the presence. Create it in a `$derived` so the document is
 * held exactly as long as the view that shows it.
 *
 *     const shared = $derived(viewNotesSession(registry, { docName, me, create: (doc) => ... }));
 */
export function viewNotesSession(
	registry: Pick<DocRegistry, 'view'>,
	options: {
		docName: string;
		me: { userId: string; name: string };
		create: (doc: NotesView['doc']) => NotesView;
	}
): DocView<NotesSession> {
	return registry.view(
		options.docName,
		(doc, { awareness }) => {
			const notes = options.create(doc);
			// Housekeeping once the local copy is in: this person's notes past 30 days in the trash.
			notes.purgeExpired();
			return { notes, awareness, presence: new Presence(awareness, options.me) };
		},
		{ dispose: (session) => session.presence.leave() }
	);
}
