import * as Y from 'yjs';
import { updateFrame } from './frames';
import { marker } from './markers';

/**
 * Workload documents, generated with real Yjs before any timing starts, so both servers receive
 * byte-identical, valid updates.
 */

/** Deterministic pseudo-random numbers so every run edits the same way (mulberry32). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A shared note typed over time: ~20-character inserts at random places plus occasional
 * deletions, until the text holds `textBytes`. Returned as one full-state update.
 */
export function noteHistory(seed: number, textBytes: number): Uint8Array {
	const doc = new Y.Doc();
	const text = doc.getText('notes');
	const next = random(seed);
	for (let step = 0; text.length < textBytes && step < textBytes; step++) {
		const at = Math.floor(next() * (text.length + 1));
		if (next() < 0.1 && text.length > 40) {
			text.delete(Math.min(at, text.length - 10), 8);
		} else {
			text.insert(at, `note ${step} line ok. `);
		}
	}
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

export interface ChatHistory {
	/** One update frame per message, as the chat was written. */
	frames: Uint8Array[];
	/** Marker inside the last message's text: seeing it means the whole history arrived. */
	lastSeq: number;
}

/** A chat of `count` messages (Y.Array of Y.Map), each message its own transaction. */
export function chatHistory(count: number): ChatHistory {
	const doc = new Y.Doc();
	const frames: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => frames.push(updateFrame(update)));
	const chat = doc.getArray<Y.Map<unknown>>('chat');
	for (let i = 0; i < count; i++) {
		const message = new Y.Map<unknown>();
		message.set('id', `m${i}`);
		message.set('author', i % 2 === 0 ? 'coach' : 'client');
		message.set('at', 1_700_000_000_000 + i * 60_000);
		message.set('text', `Message ${marker(i)} about the plan for this week.`);
		chat.push([message]);
	}
	doc.destroy();
	return { frames, lastSeq: count - 1 };
}

/** Checks received document frames really hold the chat (run after timing, never inside it). */
export function chatLength(updates: Uint8Array[]): number {
	const doc = new Y.Doc();
	updates.forEach((update) => Y.applyUpdate(doc, update));
	const length = doc.getArray('chat').length;
	doc.destroy();
	return length;
}
