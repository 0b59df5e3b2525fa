/**
 * Plain shapes of what a coach and client share in `eng:<id>` (chat, notes, goals), with the
 * input limits both the browser and the server enforce. Times are ms since the epoch (UTC).
 */

export const MAX_MESSAGE_LENGTH = 10_000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_COMMENT_LENGTH = 5_000;
export const MAX_DESCRIPTION_LENGTH = 5_000;
export const MAX_NOTE_TEXT_LENGTH = 200_000;

export interface Message {
	readonly id: string;
	readonly authorId: string;
	readonly text: string;
	/** The sender's clock; array order, not sentAt, is the conversation order. */
	readonly sentAt: number;
}

/** How far one user has read: the last message they saw. */
export interface ReadMarker {
	readonly userId: string;
	readonly messageId: string;
	readonly sentAt: number;
	readonly readAt: number;
}

export type NoteVisibility = 'shared' | 'private';

export interface NoteComment {
	readonly id: string;
	readonly authorId: string;
	readonly text: string;
	readonly createdAt: number;
	/** Null on the first comment of a thread; replies carry the thread's first comment id. */
	readonly parentId: string | null;
	/** Meaningful on a thread's first comment: resolving resolves the thread. */
	readonly resolved: boolean;
	readonly resolvedBy: string | null;
	readonly resolvedAt: number | null;
}

export interface Note {
	readonly id: string;
	readonly title: string;
	/** The rich-text body flattened to text (blocks separated by '\n'), for previews and search. */
	readonly bodyText: string;
	readonly visibility: NoteVisibility;
	readonly authorId: string;
	readonly createdAt: number;
	readonly updatedAt: number;
	/** Set on a coach's private note: which engagement it is about. Null on shared notes. */
	readonly engagementId: string | null;
	readonly comments: readonly NoteComment[];
	/** Set while the note is in the trash: who moved it there and when (ms UTC); else null. */
	readonly deleted: NoteDeletion | null;
}

export interface NoteDeletion {
	readonly by: string;
	readonly at: number;
}

/** A note stays in the trash, restorable, this long; then its author's device purges it. */
export const TRASH_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Only a shared note's author may move it to the trash (the sync server enforces the same rule).
 * `myIds`: the person's id and the ids they had before an import (domain/identity.ts).
 */
export const mayTrashNote = (note: Pick<Note, 'authorId'>, myIds: readonly string[]) =>
	myIds.includes(note.authorId);

/** When a trashed note may be purged for good. */
export const purgeAt = (deletion: NoteDeletion) => deletion.at + TRASH_KEEP_MS;

export type GoalStatus = 'open' | 'done';
export const GOAL_STATUSES: readonly GoalStatus[] = ['open', 'done'];

export interface Goal {
	readonly id: string;
	readonly title: string;
	readonly description: string;
	readonly status: GoalStatus;
	/** Calendar date, YYYY-MM-DD, no time zone: "by this day" wherever the reader is. */
	readonly dueDate: string | null;
	readonly authorId: string;
	readonly createdAt: number;
	readonly updatedAt: number;
	/** Non-null exactly when status is 'done'. */
	readonly completedAt: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
	const match = DATE.exec(value);
	if (!match) {
		return false;
	}
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A problem with a required short text, or null. */
export function textProblem(value: string, label: string, max: number): string | null {
	if (value.trim().length === 0) {
		return `${label} cannot be empty.`;
	}
	if (value.length > max) {
		return `${label} is longer than ${max} characters.`;
	}
	return null;
}

/**
 * Messages from others after the reader's marker. The marker names a message; if that message is
 * not on this replica yet, fall back to comparing send times.
 */
export function unreadCount(
	messages: readonly Message[],
	marker: ReadMarker | null,
	/** The reader's ids: their own, plus former ids after an import (domain/identity.ts). */
	userIds: string | readonly string[]
): number {
	const own = typeof userIds === 'string' ? [userIds] : userIds;
	const fromOthers = (message: Message) => !own.includes(message.authorId);
	if (!marker) {
		return messages.filter(fromOthers).length;
	}
	const index = messages.findIndex((message) => message.id === marker.messageId);
	const after =
		index >= 0
			? messages.slice(index + 1)
			: messages.filter((message) => message.sentAt > marker.sentAt);
	return after.filter(fromOthers).length;
}

/** Comments grouped into threads (first comment + replies), in document order. */
export function commentThreads(
	comments: readonly NoteComment[]
): { root: NoteComment; replies: NoteComment[] }[] {
	const threads = new Map<string, { root: NoteComment; replies: NoteComment[] }>();
	for (const comment of comments) {
		if (comment.parentId === null) {
			threads.set(comment.id, { root: comment, replies: [] });
		}
	}
	for (const comment of comments) {
		if (comment.parentId !== null) {
			threads.get(comment.parentId)?.replies.push(comment);
		}
	}
	return [...threads.values()];
}
