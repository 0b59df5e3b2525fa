/**
 * Keeps the index rows of one `eng:<engagementId>` document up to date: its conversation row,
 * its shared notes and its goals. Reacts to every change whatever its origin (this device,
 * another replica, an IndexedDB load), and on attach reconciles what the index already held.
 *
 *     $effect(() => attachEngagementIndexer({ db, doc, engagementId, userId })); // detach on cleanup
 */
import type * as Y from 'yjs';
import * as eng from '../../docs/engagement-doc';
import { goalsMap, messagesArray, notesMap, readsMap } from '../../docs/engagement-schema';
import type { TandemIndexDb } from '../db';
import { DEFAULT_DEBOUNCE_MS, createBatcher, reportIndexError, type TakeBatch } from './batcher';
import { onDestroy, watchItems, watchWhole } from './doc-parts';
import { applyChanges, isEmpty, type IndexChanges } from './index-writes';
import {
	conversationRow,
	engagementDocName,
	goalRow,
	itemKey,
	liveNote,
	sharedNoteRow
} from './rows';

export interface IndexerOptions {
	db: TandemIndexDb;
	doc: Y.Doc;
	/** The signed-in user: unread counts are theirs. */
	userId: string;
	/** Their ids from before an import, asked at each count (domain/identity.ts). */
	formerIds?: () => readonly string[];
	/** Batch window; tests pass 0. */
	debounceMs?: number;
	onError?: (error: unknown) => void;
}

/** Call to stop indexing (pending changes are still written); `flush()` awaits the index. */
export interface DetachIndexer {
	(): void;
	flush(): Promise<void>;
}

interface EngagementDirty {
	full: boolean;
	conversation: boolean;
	notes: Set<string>;
	goals: Set<string>;
}

type Reader = { userId: string; formerIds: readonly string[] };

function fullChanges(doc: Y.Doc, engagementId: string, reader: Reader): IndexChanges {
	const docName = engagementDocName(engagementId);
	return {
		conversation: conversationRow(doc, engagementId, reader.userId, reader.formerIds),
		notes: {
			put: eng.listNotes(doc).map((note) => sharedNoteRow(note, engagementId)),
			remove: [],
			replace: { index: 'docName', value: docName }
		},
		goals: {
			put: eng.listGoals(doc).map((goal) => goalRow(goal, engagementId)),
			remove: [],
			replace: { index: 'engagementId', value: engagementId }
		}
	};
}

function partialChanges(
	doc: Y.Doc,
	options: { engagementId: string; reader: Reader; dirty: EngagementDirty }
): IndexChanges {
	const { engagementId, reader, dirty } = options;
	const docName = engagementDocName(engagementId);
	const notes = [...dirty.notes].map((id) => ({ id, note: liveNote(eng.getNote(doc, id)) }));
	const goals = [...dirty.goals].map((id) => ({ id, goal: eng.getGoal(doc, id) }));
	return {
		conversation: dirty.conversation
			? conversationRow(doc, engagementId, reader.userId, reader.formerIds)
			: undefined,
		notes: {
			put: notes.flatMap(({ note }) => (note ? [sharedNoteRow(note, engagementId)] : [])),
			remove: notes.filter(({ note }) => !note).map(({ id }) => itemKey(docName, id))
		},
		goals: {
			put: goals.flatMap(({ goal }) => (goal ? [goalRow(goal, engagementId)] : [])),
			remove: goals.filter(({ goal }) => !goal).map(({ id }) => itemKey(docName, id))
		}
	};
}

export function attachEngagementIndexer(
	options: IndexerOptions & { engagementId: string }
): DetachIndexer {
	const { db, doc, engagementId, userId } = options;
	// The first batch reconciles: the index may hold rows from before this session.
	let dirty: EngagementDirty = {
		full: true,
		conversation: true,
		notes: new Set(),
		goals: new Set()
	};
	const take: TakeBatch = () => {
		const batch = dirty;
		dirty = { full: false, conversation: false, notes: new Set(), goals: new Set() };
		const reader = { userId, formerIds: options.formerIds?.() ?? [] };
		const changes = batch.full
			? fullChanges(doc, engagementId, reader)
			: partialChanges(doc, { engagementId, reader, dirty: batch });
		return isEmpty(changes) ? null : () => applyChanges(db, changes);
	};
	const batcher = createBatcher({
		db,
		debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
		take,
		onError: options.onError ?? reportIndexError
	});
	const touchConversation = () => {
		dirty.conversation = true;
		batcher.schedule();
	};
	const touch = (set: 'notes' | 'goals') => (ids: readonly string[]) => {
		ids.forEach((id) => dirty[set].add(id));
		batcher.schedule();
	};
	const stops = [
		watchWhole(messagesArray(doc), touchConversation),
		watchWhole(readsMap(doc), touchConversation),
		watchItems(notesMap(doc), touch('notes')),
		watchItems(goalsMap(doc), touch('goals')),
		onDestroy(doc, () => detach())
	];
	batcher.schedule();
	const detach = () => {
		batcher.close();
		stops.splice(0).forEach((stop) => stop());
	};
	return Object.assign(detach, { flush: () => batcher.flush() });
}
