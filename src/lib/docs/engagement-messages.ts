import type * as Y from 'yjs';
import {
	MAX_MESSAGE_LENGTH,
	textProblem,
	unreadCount as countUnread,
	type Message,
	type ReadMarker
} from '../domain/engagement';
import { write, type Actor } from './actor';
import { isRecord, num, text } from './fields';
import { done, refused, type WriteResult } from './result';
import { messagesArray, readsMap } from './engagement-schema';

/*
 * Messages are immutable plain objects appended to a Y.Array: a message is never edited, so
 * there is nothing to merge inside one, and plain objects cost far less than a Y.Map each.
 */

function toMessage(value: unknown): Message | null {
	if (!isRecord(value) || typeof value.id !== 'string' || typeof value.text !== 'string') {
		return null;
	}
	return Object.freeze({
		id: value.id,
		authorId: text(value, 'authorId'),
		text: value.text,
		sentAt: num(value, 'sentAt')
	});
}

/** Every message in conversation (array) order; malformed entries are skipped. */
export function listMessages(doc: Y.Doc): readonly Message[] {
	const messages: Message[] = [];
	for (const value of messagesArray(doc).toArray()) {
		const message = toMessage(value);
		if (message) {
			messages.push(message);
		}
	}
	return Object.freeze(messages);
}

export function sendMessage(
	doc: Y.Doc,
	actor: Actor,
	input: { text: string }
): WriteResult<string> {
	const problem = textProblem(input.text, 'The message', MAX_MESSAGE_LENGTH);
	if (problem) {
		return refused('invalid-input', problem);
	}
	const message = {
		id: actor.newId(),
		authorId: actor.userId,
		text: input.text.trim(),
		sentAt: actor.now()
	} satisfies Message;
	write(doc, actor, () => messagesArray(doc).push([message]));
	return done(message.id);
}

export function readMarker(doc: Y.Doc, userId: string): ReadMarker | null {
	const value = readsMap(doc).get(userId);
	if (!isRecord(value) || typeof value.messageId !== 'string') {
		return null;
	}
	return Object.freeze({
		userId,
		messageId: value.messageId,
		sentAt: num(value, 'sentAt'),
		readAt: num(value, 'readAt')
	});
}

/**
 * Moves the actor's marker to `messageId`, never backwards on this replica. Two of the same
 * user's devices marking concurrently resolve last-writer-wins, which may step back by a few
 * messages; that only re-shows them as unread, it loses nothing.
 */
export function markRead(doc: Y.Doc, actor: Actor, input: { messageId: string }): WriteResult {
	const messages = listMessages(doc);
	const index = messages.findIndex((message) => message.id === input.messageId);
	const target = messages[index];
	if (!target) {
		return refused('not-found', 'That message is not here.');
	}
	const current = readMarker(doc, actor.userId);
	const currentIndex = current ? messages.findIndex((m) => m.id === current.messageId) : -1;
	if (currentIndex >= index) {
		return done(null);
	}
	write(doc, actor, () => {
		readsMap(doc).set(actor.userId, {
			messageId: target.id,
			sentAt: target.sentAt,
			readAt: actor.now()
		});
	});
	return done(null);
}

/**
 * Messages from others after the user's read marker. `formerIds` are the user's ids from before
 * an import: their messages count as the user's, and the furthest of their markers counts.
 */
export function unreadCount(doc: Y.Doc, userId: string, formerIds: readonly string[] = []): number {
	const messages = listMessages(doc);
	const ids = [userId, ...formerIds];
	const position = (marker: ReadMarker) => messages.findIndex((m) => m.id === marker.messageId);
	const markers = ids.flatMap((id) => readMarker(doc, id) ?? []);
	const furthest = markers.reduce<ReadMarker | null>(
		(best, marker) => (best === null || position(marker) > position(best) ? marker : best),
		null
	);
	return countUnread(messages, furthest, ids);
}
