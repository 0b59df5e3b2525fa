import type { Awareness } from 'y-protocols/awareness';
import type { DocRegistry } from '../local/doc-registry';
import { NotesView } from './notes.svelte';
import { Presence } from './presence.svelte';

/** One opened note store: its notes, its awareness and this person's presence on it. */
export interface NotesSession {
	readonly notes: NotesView;
	readonly awareness: Awareness;
	readonly presence: Presence;
}

/**
 * Opens `docName` from the registry and, once its local copy is loaded, hands a NotesSession to
 * `ready`. Returns the teardown: withdraw presence, release the document. Call it from an
 * `$effect` so the document is held exactly as long as the view that shows it.
 *
 *     $effect(() => openNotesSession({ registry, docName, me, create: (doc) => ..., ready }));
 */
export function openNotesSession(options: {
	registry: DocRegistry;
	docName: string;
	me: { userId: string; name: string };
	create: (doc: NotesView['doc']) => NotesView;
	ready: (session: NotesSession | null) => void;
}): () => void {
	const handle = options.registry.open(options.docName);
	let session: NotesSession | null = null;
	let active = true;
	void handle.whenLoaded.then(() => {
		if (active) {
			const notes = options.create(handle.doc);
			// Housekeeping once the local copy is in: this person's notes past 30 days in the trash.
			notes.purgeExpired();
			session = {
				notes,
				awareness: handle.awareness,
				presence: new Presence(handle.awareness, options.me)
			};
			options.ready(session);
		}
	});
	return () => {
		active = false;
		session?.presence.leave();
		options.ready(null);
		handle.release();
	};
}
