import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate } from './split-update.js';

function applySlices(slices: Uint8Array[], into = new Y.Doc()): Y.Doc {
	for (const slice of slices) {
		Y.applyUpdate(into, slice);
	}
	return into;
}

/** What a reader sees: root types are only typed once asked for by name. */
const content = (doc: Y.Doc) => ({
	t: doc.getText('t').toString(),
	text: doc.getText('text').toString(),
	list: doc.getArray('list').toJSON(),
	meta: doc.getMap('meta').toJSON()
});

function expectSameDoc(a: Y.Doc, b: Y.Doc) {
	expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
	expect(content(b)).toEqual(content(a));
	expect(b.store.pendingStructs).toBeNull();
	expect(b.store.pendingDs).toBeNull();
}

/** Two replicas editing the same text, list and nested map, merged, with deletions. */
function interleavedDoc(): Y.Doc {
	const a = new Y.Doc();
	const b = new Y.Doc();
	let seed = 7;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	for (let round = 0; round < 40; round++) {
		for (const doc of [a, b]) {
			const text = doc.getText('text');
			text.insert(Math.floor(random() * (text.length + 1)), `w${round} `);
			if (text.length > 20 && random() < 0.3) {
				text.delete(Math.floor(random() * 10), 3);
			}
			const list = doc.getArray<Y.Map<unknown>>('list');
			const entry = new Y.Map<unknown>();
			list.insert(Math.floor(random() * (list.length + 1)), [entry]);
			entry.set('n', round);
			if (list.length > 5 && random() < 0.2) {
				list.delete(0, 1);
			}
			doc.getMap('meta').set(`k${round % 5}`, round);
		}
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	}
	return a;
}

describe('splitUpdate', () => {
	it('cuts a long run of edits into slices that rebuild the same document', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		for (let i = 0; i < 5000; i++) {
			text.insert(0, 'x');
		}
		const slices = splitUpdate(Y.encodeStateAsUpdate(doc), 500);
		expect(slices.length).toBeGreaterThan(10);
		expectSameDoc(doc, applySlices(slices));
	});

	it('keeps causal order across clients, nested types and deletions', () => {
		const doc = interleavedDoc();
		for (const weight of [1, 7, 100, 1_000_000]) {
			expectSameDoc(doc, applySlices(splitUpdate(Y.encodeStateAsUpdate(doc), weight)));
		}
	});

	it('changes nothing when applied again, and fills in a replica that has part of it', () => {
		const doc = interleavedDoc();
		const update = Y.encodeStateAsUpdate(doc);
		const target = applySlices(splitUpdate(update, 50));
		const before = Y.encodeStateAsUpdate(target);
		applySlices(splitUpdate(update, 50), target);
		expect(Y.encodeStateAsUpdate(target)).toEqual(before);

		const partial = new Y.Doc();
		Y.applyUpdate(partial, splitUpdate(update, 50)[0]!);
		expectSameDoc(doc, applySlices(splitUpdate(update, 50), partial));
	});

	it('throws on bytes that are not an update', () => {
		expect(() => splitUpdate(new TextEncoder().encode('not yjs at all'), 100)).toThrow();
	});
});
