/**
 * Drops the derived tables and recomputes them from the documents: the proof that the index is
 * never authoritative, and the repair for an index that fell behind (a failed write, a schema
 * bump, a bug fixed in a later release). The outbox and notifications are left alone.
 */
import type * as Y from 'yjs';
import * as eng from '../../docs/engagement-doc';
import {
	DERIVED_TABLES,
	type ConversationRow,
	type GoalRow,
	type NoteRow,
	type SubscriptionRow,
	type TandemIndexDb
} from '../db';
import { coachFullChanges } from './coach-indexer';
import { conversationRow, goalRow, sharedNoteRow } from './rows';
import { subscriptionRow } from './subscription-indexer';

export interface IndexedDocs {
	/** Every engagement document of the user, migrated and loaded. */
	engagements: readonly { engagementId: string; doc: Y.Doc }[];
	/** The coach's own `coach:<userId>` document; absent for clients. */
	coach?: Y.Doc | null;
	/** The `sub:<engagementId>` documents (package and session ledger). */
	subscriptions?: readonly { engagementId: string; doc: Y.Doc }[];
}

export async function rebuildIndex(options: {
	db: TandemIndexDb;
	userId: string;
	docs: IndexedDocs;
}): Promise<void> {
	const { db, userId, docs } = options;
	const conversations: ConversationRow[] = [];
	const notes: NoteRow[] = [];
	const goals: GoalRow[] = [];
	// Rows are computed before the transaction: IndexedDB commits a transaction that is left
	// idle across a task, so only Dexie calls may happen inside it.
	for (const { engagementId, doc } of docs.engagements) {
		conversations.push(conversationRow(doc, engagementId, userId));
		notes.push(...eng.listNotes(doc).map((note) => sharedNoteRow(note, engagementId)));
		goals.push(...eng.listGoals(doc).map((goal) => goalRow(goal, engagementId)));
	}
	if (docs.coach) {
		notes.push(...coachFullChanges(docs.coach, userId).notes.put);
	}
	const subscriptions: SubscriptionRow[] = (docs.subscriptions ?? []).map(({ engagementId, doc }) =>
		subscriptionRow(doc, engagementId)
	);
	await db.queueWrite(() =>
		db.transaction('rw', [...DERIVED_TABLES], async () => {
			await Promise.all(DERIVED_TABLES.map((name) => db.table(name).clear()));
			await db.conversations.bulkPut(conversations);
			await db.notes.bulkPut(notes);
			await db.goals.bulkPut(goals);
			await db.subscriptions.bulkPut(subscriptions);
		})
	);
}
