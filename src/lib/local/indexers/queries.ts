/**
 * The reads the UI needs from the index. Each is a plain async function over the database, so
 * it can be handed to `LiveQuery` (src/lib/state/app/live-query.svelte.ts) to stay current.
 * Components reach them through a state class (`Conversations`, `IndexedNotes`), never directly.
 *
 *     const conversations = new LiveQuery(() => listConversations(db), []);
 */
import { Dexie } from 'dexie';
import type { ConversationRow, GoalRow, NoteRow, TandemIndexDb } from '../db';
import { indexWords } from './words';

/** Most recent first; conversations without messages last. */
export function listConversations(db: TandemIndexDb): Promise<ConversationRow[]> {
	return db.conversations.orderBy('lastMessageAt').reverse().toArray();
}

export async function totalUnread(db: TandemIndexDb): Promise<number> {
	let total = 0;
	await db.conversations.each((row) => (total += row.unreadCount));
	return total;
}

/**
 * Notes in which every word of `query` starts some word of the title or text ("run we" finds
 * "Running, week 3"), most recently updated first. One index probe on the longest query word,
 * the rest filtered in memory.
 */
export async function searchNotes(
	db: TandemIndexDb,
	query: string,
	options: { engagementId?: string; limit?: number } = {}
): Promise<NoteRow[]> {
	const terms = indexWords(query, 10);
	const probe = [...terms].sort((a, b) => b.length - a.length)[0];
	if (!probe) {
		return [];
	}
	const candidates = await db.notes.where('words').startsWith(probe).distinct().toArray();
	const matches = candidates.filter(
		(row) =>
			(options.engagementId === undefined || row.engagementId === options.engagementId) &&
			terms.every((term) => row.words.some((word) => word.startsWith(term)))
	);
	matches.sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : 1));
	return matches.slice(0, options.limit ?? 50);
}

/**
 * Open goals with a due date up to `until` (YYYY-MM-DD, inclusive; all when absent), soonest
 * first. Goals without a due date are never "due".
 */
export function goalsDue(
	db: TandemIndexDb,
	options: { until?: string; engagementId?: string; limit?: number } = {}
): Promise<GoalRow[]> {
	let rows = db.goals
		.where('[status+dueDate]')
		.between(['open', Dexie.minKey], ['open', options.until ?? Dexie.maxKey], true, true);
	if (options.engagementId !== undefined) {
		const engagementId = options.engagementId;
		rows = rows.filter((row) => row.engagementId === engagementId);
	}
	return rows.limit(options.limit ?? 100).toArray();
}

/** One engagement's notes (shared and, for its coach, private), most recently updated first. */
export async function notesOf(db: TandemIndexDb, engagementId: string): Promise<NoteRow[]> {
	const rows = await db.notes.where('engagementId').equals(engagementId).toArray();
	return rows.sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : 1));
}
