import * as Y from 'yjs';
import * as eng from '../../src/lib/docs/engagement-doc';
import { summarize } from './report';

export interface DocCost {
	label: string;
	medianMs: number;
}

function time(label: string, fn: () => void, runs = 9): DocCost {
	const times: number[] = [];
	for (let run = 0; run < runs; run += 1) {
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	return { label, medianMs: summarize(times).median };
}

/**
 * The steps of opening the chat that are pure Yjs work, timed in Node on the very document the
 * bench seeded (same V8 as Chromium, none of the page around it). Loading from IndexedDB applies
 * the stored state in one transaction; Yjs then encodes that transaction as an update for every
 * 'update' listener, which nobody needs for a local load: the second line shows that cost.
 */
export function measureDocCosts(update: Uint8Array): DocCost[] {
	const loaded = new Y.Doc();
	Y.applyUpdate(loaded, update);
	return [
		time('apply the stored state to a new Y.Doc', () => Y.applyUpdate(new Y.Doc(), update)),
		time('… with one doc.on("update") listener attached', () => {
			const doc = new Y.Doc();
			doc.on('update', () => {});
			Y.applyUpdate(doc, update);
		}),
		time("… with the view's observeDeep attached (eng.onChange)", () => {
			const doc = new Y.Doc();
			eng.onChange(doc, () => {});
			Y.applyUpdate(doc, update);
		}),
		time('eng.listMessages over all messages', () => eng.listMessages(loaded)),
		time('eng.unreadCount', () => eng.unreadCount(loaded, '')),
		time('Y.encodeStateAsUpdate', () => Y.encodeStateAsUpdate(loaded))
	];
}
