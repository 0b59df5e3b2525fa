/**
 * The browser's derived index of the Yjs documents (house style habit 5): fast lists, unread
 * counts and search. Nothing here is authoritative except the outbox; every other table can be
 * dropped and rebuilt from the documents at any time (`rebuildIndex` in ./indexers).
 *
 *     const db = openIndexDb(user.id);
 *     const latest = await db.conversations.orderBy('lastMessageAt').reverse().toArray();
 */
import { Dexie, type EntityTable } from 'dexie';
import type { GoalStatus, NoteVisibility } from '../domain/engagement';

/** One row per engagement the user takes part in: the conversation list. */
export interface ConversationRow {
	engagementId: string;
	lastMessageId: string | null;
	/** The last message's text, cut to CONVERSATION_PREVIEW_LENGTH characters. */
	lastMessageText: string;
	/** The last message's `sentAt` (sender's clock), 0 while there are no messages. */
	lastMessageAt: number;
	lastMessageAuthorId: string | null;
	/** Messages from others after this user's read marker. */
	unreadCount: number;
	messageCount: number;
}

export interface NoteRow {
	/** `<docName>/<noteId>`: ids are only unique within one document. */
	key: string;
	id: string;
	/** The document holding the note: `eng:<engagementId>` or `coach:<coachUserId>`. */
	docName: string;
	/** The engagement the note belongs to (or, for a private note, is about). */
	engagementId: string;
	scope: NoteVisibility;
	title: string;
	/** The body as plain text, blocks separated by '\n'. */
	text: string;
	updatedAt: number;
	/** Lowercased, accent-folded tokens of title and text: the search index. */
	words: string[];
}

export interface GoalRow {
	/** `<engagementId>/<goalId>`. */
	key: string;
	id: string;
	engagementId: string;
	title: string;
	status: GoalStatus;
	/** YYYY-MM-DD; goals without one are left out of the [status+dueDate] index. */
	dueDate: string | null;
	completedAt: number | null;
	authorId: string;
}

/** Kinds of in-app notification; the list and its producers come in a later issue. */
export type NotificationKind = 'message' | 'comment' | 'goal-due' | 'session' | 'invite';

export interface NotificationRow {
	id: string;
	kind: NotificationKind;
	engagementId: string | null;
	createdAt: number;
	/** Null while unread. */
	readAt: number | null;
}

/** One row per engagement: its package and session ledger, summed (from `sub:<id>`). */
export interface SubscriptionRow {
	engagementId: string;
	packageName: string | null;
	sessionsTotal: number;
	sessionsUsed: number;
	/** Confirmed bookings without a recorded outcome (absent in rows indexed before it existed). */
	sessionsBooked?: number;
	sessionsRemaining: number;
	sessionsCompleted: number;
	/** startedAt of the latest completed session, or null. */
	lastSessionAt: number | null;
	/** What was paid (minor units, purchases minus refunds in `sub:`) and its currency; null currency: nothing paid. */
	priceCents: number;
	currency: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'failed';

/** A server-only request waiting to be sent; see ./outbox.ts. Authoritative, never rebuilt. */
export interface OutboxRow {
	/** Insertion order, the order entries are sent in. */
	seq?: number;
	/** Client-generated; sent as the Idempotency-Key header. */
	id: string;
	kind: string;
	/** JSON-serialisable request body. */
	payload: unknown;
	/** Entries with the same key replace each other while not yet sending. */
	dedupeKey: string | null;
	status: OutboxStatus;
	attempts: number;
	/** ms since epoch; not sent again before this. */
	nextAttemptAt: number;
	createdAt: number;
	/** The server's message for a rejected entry, or the last retry reason. */
	error: string | null;
}

export const CONVERSATION_PREVIEW_LENGTH = 140;

/** Tables computed from the documents: cleared and recomputed by `rebuildIndex`. */
export const DERIVED_TABLES = ['conversations', 'notes', 'goals', 'subscriptions'] as const;

export class TandemIndexDb extends Dexie {
	conversations!: EntityTable<ConversationRow, 'engagementId'>;
	notes!: EntityTable<NoteRow, 'key'>;
	goals!: EntityTable<GoalRow, 'key'>;
	notifications!: EntityTable<NotificationRow, 'id'>;
	outbox!: EntityTable<OutboxRow, 'seq'>;
	subscriptions!: EntityTable<SubscriptionRow, 'engagementId'>;
	#writes: Promise<void> = Promise.resolve();

	constructor(name: string) {
		super(name);
		// Change the schema by adding a version(n + 1) below, never by editing version 1:
		// browsers already hold databases at version 1.
		this.version(1).stores({
			conversations: 'engagementId, lastMessageAt',
			notes: 'key, docName, engagementId, updatedAt, *words',
			goals: 'key, engagementId, [status+dueDate]',
			notifications: 'id, createdAt, engagementId, readAt',
			outbox: '++seq, &id, status, dedupeKey'
		});
		// 2: the session ledgers (sub:) for the coach's client list.
		this.version(2).stores({ subscriptions: 'engagementId, lastSessionAt' });
	}

	/**
	 * Runs index writes one at a time in call order. Rows are computed from the document when
	 * a write is queued, so only call order guarantees the newest rows land last: without it a
	 * detached indexer's final write could finish after its successor's reconcile.
	 */
	queueWrite(write: () => Promise<void>): Promise<void> {
		const run = this.#writes.then(write);
		this.#writes = run.catch(() => undefined);
		return run;
	}
}

export const indexDbName = (userId: string) => `tandem-index:${userId}`;

/**
 * One database per signed-in user, so two people sharing a browser never see each other's
 * index. Dexie opens lazily on the first query.
 */
export function openIndexDb(userId: string): TandemIndexDb {
	return new TandemIndexDb(indexDbName(userId));
}

/** Removes a user's index and outbox from this device (e.g. "sign out and forget me"). */
export async function deleteIndexDb(userId: string): Promise<void> {
	await Dexie.delete(indexDbName(userId));
}
