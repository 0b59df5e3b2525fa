/*
 * The indexers' only raw Yjs access outside src/lib/docs (a candidate to move there as part of
 * the schema modules' change API). `onChange` says THAT a document changed, not WHAT changed,
 * and recomputing a 10,000-message conversation on every keystroke in a note would be far too
 * slow; observeDeep on each top-level type reports, for every origin alike (local, remote,
 * IndexedDB load, migration), which part and which item key changed.
 */
import type * as Y from 'yjs';

export type DirtyListener = (keys: readonly string[]) => void;

/**
 * Watches a top-level Y.Map of items (notes, goals): reports the item keys that were added,
 * removed or changed anywhere below (a keystroke in a note body reports that note's id).
 */
export function watchItems(map: Y.Map<unknown>, onDirty: DirtyListener): () => void {
	const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		const keys = new Set<string>();
		for (const event of events) {
			const [first] = event.path;
			if (typeof first === 'string') {
				keys.add(first);
			} else {
				// An event on the map itself: items added, replaced or deleted.
				for (const key of event.keys.keys()) {
					keys.add(key);
				}
			}
		}
		if (keys.size > 0) {
			onDirty([...keys]);
		}
	};
	map.observeDeep(observer);
	return () => map.unobserveDeep(observer);
}

/** Watches a top-level type as a whole (messages, read markers). */
export function watchWhole(
	type: Y.Array<unknown> | Y.Map<unknown>,
	onDirty: () => void
): () => void {
	const observer = () => onDirty();
	type.observeDeep(observer);
	return () => type.unobserveDeep(observer);
}

/** coach-doc.ts keeps its map private; the name is fixed by docs/data-model.md. */
export const privateNotesMap = (doc: Y.Doc) => doc.getMap<unknown>('privateNotes');

/** Every key of a top-level map, for full reconciles and rebuilds. */
export function itemKeys(map: Y.Map<unknown>): string[] {
	return [...map.keys()];
}

/** Runs `fn` once when the document is destroyed (app closed, doc compacted or unloaded). */
export function onDestroy(doc: Y.Doc, fn: () => void): () => void {
	doc.on('destroy', fn);
	return () => doc.off('destroy', fn);
}
