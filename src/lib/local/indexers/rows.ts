/**
 * Document → row mapping, the single place that decides what the index holds (compare Actual's
 * RawFile → File). Both the incremental indexers and `rebuildIndex` build rows here, so the two
 * can only disagree about WHICH rows they touch, which is exactly what the rebuild test checks.
 */
import type * as Y from 'yjs';
import * as coachDoc from '../../docs/coach-doc';
import * as eng from '../../docs/engagement-doc';
import type { Goal, Note } from '../../domain/engagement';
import {
	CONVERSATION_PREVIEW_LENGTH,
	type ConversationRow,
	type GoalRow,
	type NoteRow
} from '../db';
import { indexWords } from './words';

export const engagementDocName = (engagementId: string) => `eng:${engagementId}`;
export const coachDocName = (coachUserId: string) => `coach:${coachUserId}`;

/** Row keys: item ids are only unique inside one document. */
export const itemKey = (docName: string, id: string) => `${docName}/${id}`;

/** Cut by code points, so an emoji is never split into a lone surrogate. */
export function preview(text: string, max = CONVERSATION_PREVIEW_LENGTH): string {
	const chars = Array.from(text);
	return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `formerIds`: the user's ids from before an import; their messages are not unread. */
export function conversationRow(
	doc: Y.Doc,
	engagementId: string,
	userId: string,
	formerIds: readonly string[] = []
): ConversationRow {
	const messages = eng.listMessages(doc);
	const last = messages.at(-1);
	return {
		engagementId,
		lastMessageId: last?.id ?? null,
		lastMessageText: last ? preview(last.text) : '',
		lastMessageAt: last?.sentAt ?? 0,
		lastMessageAuthorId: last?.authorId ?? null,
		unreadCount: eng.unreadCount(doc, userId, formerIds),
		messageCount: messages.length
	};
}

export function noteRow(note: Note, docName: string, engagementId: string): NoteRow {
	return {
		key: itemKey(docName, note.id),
		id: note.id,
		docName,
		engagementId,
		scope: note.visibility,
		title: note.title,
		text: note.bodyText,
		updatedAt: note.updatedAt,
		words: indexWords(`${note.title}\n${note.bodyText}`)
	};
}

export function sharedNoteRow(note: Note, engagementId: string): NoteRow {
	return noteRow(note, engagementDocName(engagementId), engagementId);
}

/** Private notes carry the engagement they are about; '' if a foreign writer left it out. */
export function privateNoteRow(note: Note, coachUserId: string): NoteRow {
	return noteRow(note, coachDocName(coachUserId), note.engagementId ?? '');
}

export function goalRow(goal: Goal, engagementId: string): GoalRow {
	return {
		key: itemKey(engagementDocName(engagementId), goal.id),
		id: goal.id,
		engagementId,
		title: goal.title,
		status: goal.status,
		dueDate: goal.dueDate,
		completedAt: goal.completedAt,
		authorId: goal.authorId
	};
}

/** Every private note in a coach document, whichever engagement it is about. */
/** A note in the trash is out of search and lists, as if gone (the trash view reads the doc). */
export const liveNote = (note: Note | null): Note | null => (note && !note.deleted ? note : null);

export function allPrivateNotes(doc: Y.Doc, keys: readonly string[]): Note[] {
	return keys.flatMap((id) => liveNote(coachDoc.getPrivateNote(doc, id)) ?? []);
}
