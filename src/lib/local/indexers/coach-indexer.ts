/**
 * Keeps the coach's private notes (`coach:<userId>`) in the notes table, scope 'private', each
 * under the engagement it is about, so one search covers shared and private notes.
 */
import type * as Y from 'yjs';
import * as coachDoc from '../../docs/coach-doc';
import { DEFAULT_DEBOUNCE_MS, createBatcher, reportIndexError, type TakeBatch } from './batcher';
import { itemKeys, onDestroy, privateNotesMap, watchItems } from './doc-parts';
import type { DetachIndexer, IndexerOptions } from './engagement-indexer';
import { applyChanges, isEmpty, noChange, type IndexChanges } from './index-writes';
import { allPrivateNotes, coachDocName, itemKey, liveNote, privateNoteRow } from './rows';

/** Every private note of the document, replacing what the index held for it. */
export function coachFullChanges(doc: Y.Doc, coachUserId: string): IndexChanges {
	const notes = allPrivateNotes(doc, itemKeys(privateNotesMap(doc)));
	return {
		notes: {
			put: notes.map((note) => privateNoteRow(note, coachUserId)),
			remove: [],
			replace: { index: 'docName', value: coachDocName(coachUserId) }
		},
		goals: noChange()
	};
}

function coachPartialChanges(doc: Y.Doc, coachUserId: string, ids: Set<string>): IndexChanges {
	const notes = [...ids].map((id) => ({ id, note: liveNote(coachDoc.getPrivateNote(doc, id)) }));
	return {
		notes: {
			put: notes.flatMap(({ note }) => (note ? [privateNoteRow(note, coachUserId)] : [])),
			remove: notes
				.filter(({ note }) => !note)
				.map(({ id }) => itemKey(coachDocName(coachUserId), id))
		},
		goals: noChange()
	};
}

/** `userId` is the coach: `coach:<userId>` is only ever opened by its owner. */
export function attachCoachIndexer(options: IndexerOptions): DetachIndexer {
	const { db, doc, userId } = options;
	let full = true;
	let dirty = new Set<string>();
	const take: TakeBatch = () => {
		const changes = full ? coachFullChanges(doc, userId) : coachPartialChanges(doc, userId, dirty);
		full = false;
		dirty = new Set();
		return isEmpty(changes) ? null : () => applyChanges(db, changes);
	};
	const batcher = createBatcher({
		db,
		debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
		take,
		onError: options.onError ?? reportIndexError
	});
	const stops = [
		watchItems(privateNotesMap(doc), (ids) => {
			ids.forEach((id) => dirty.add(id));
			batcher.schedule();
		}),
		onDestroy(doc, () => detach())
	];
	batcher.schedule();
	const detach = () => {
		batcher.close();
		stops.splice(0).forEach((stop) => stop());
	};
	return Object.assign(detach, { flush: () => batcher.flush() });
}
