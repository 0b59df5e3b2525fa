import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { moveRootMapEntries } from './archive-map.js';

function withEntries(entries: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	const map = doc.getMap('from');
	for (const [key, value] of Object.entries(entries)) {
		map.set(key, value);
	}
	return Y.encodeStateAsUpdate(doc);
}

describe('moveRootMapEntries', () => {
	it('moves every plain entry and leaves the source empty', () => {
		const state = withEntries({ a: { n: 1 }, b: { n: 2 } });
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		Y.applyUpdate(doc, moveRootMapEntries(state, 'from', 'to')!);
		expect(doc.getMap('from').toJSON()).toEqual({});
		expect(doc.getMap('to').toJSON()).toEqual({ a: { n: 1 }, b: { n: 2 } });
	});

	it('writes the same bytes for the same input, so a second import changes nothing', () => {
		const state = withEntries({ a: { n: 1 } });
		const first = moveRootMapEntries(state, 'from', 'to')!;
		expect(moveRootMapEntries(state, 'from', 'to')).toEqual(first);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		Y.applyUpdate(doc, first);
		const vector = Y.encodeStateVector(doc);
		Y.applyUpdate(doc, state);
		Y.applyUpdate(doc, moveRootMapEntries(state, 'from', 'to')!);
		expect(Y.encodeStateVector(doc)).toEqual(vector);
	});

	it('returns null when there is nothing to move', () => {
		expect(moveRootMapEntries(withEntries({}), 'from', 'to')).toBeNull();
	});
});
