import * as Y from 'yjs';
import { messagesArray } from './engagement-schema';
import { isRecord } from './fields';

/** Where a message was written in Yjs terms: the writer's clientID and the clock of its struct. */
export interface StructId {
	readonly client: number;
	readonly clock: number;
}

/**
 * The struct ids of the last `count` messages written by `authorId` among the last `within`
 * messages, by message id, so the UI
 * can ask the sync layer whether the server holds them (the "Sending…" mark). Read through
 * Yjs' public relative-position API rather than the array's internal item list; each lookup
 * walks the list, which is why only a short tail is asked for.
 */
export function recentMessageStructIds(
	doc: Y.Doc,
	options: { authorId: string; count: number; within?: number }
): Map<string, StructId> {
	const messages = messagesArray(doc);
	const start = Math.max(0, messages.length - (options.within ?? 200));
	const tail = messages.slice(start);
	const ids = new Map<string, StructId>();
	for (let offset = tail.length - 1; offset >= 0 && ids.size < options.count; offset--) {
		const value = tail[offset];
		if (!isRecord(value) || typeof value.id !== 'string' || value.authorId !== options.authorId) {
			continue;
		}
		const item = Y.createRelativePositionFromTypeIndex(messages, start + offset).item;
		if (item) {
			ids.set(value.id, { client: item.client, clock: item.clock });
		}
	}
	return ids;
}
