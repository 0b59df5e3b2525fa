import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { concatRuns, structRunOf } from './update-concat';

function author(clientID: number) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const sent: Uint8Array[] = [];
	// Only this author's own edits, as its provider would send them.
	doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && sent.push(update));
	return { doc, sent, text: doc.getText('t'), list: doc.getArray<unknown>('l') };
}

const part = (update: Uint8Array) => ({ update, run: structRunOf(update, Y.decodeUpdate(update)) });

function contentOf(update: Uint8Array) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return { text: doc.getText('t').toString(), list: doc.getArray('l').toJSON() };
}

describe('structRunOf', () => {
	it('reads the run of a plain edit and refuses deletions', () => {
		const a = author(7);
		a.text.insert(0, 'hello');
		a.text.insert(5, ' you');
		const second = structRunOf(a.sent[1]!, Y.decodeUpdate(a.sent[1]!));
		expect(second).toMatchObject({ client: 7, clock: 5, end: 9, structs: 1 });
		a.text.delete(0, 1);
		expect(structRunOf(a.sent[2]!, Y.decodeUpdate(a.sent[2]!))).toBeNull();
	});

	it('refuses updates with several clients', () => {
		const a = author(1);
		const b = author(2);
		a.text.insert(0, 'a');
		Y.applyUpdate(b.doc, a.sent[0]!, 'peer');
		b.text.insert(1, 'b');
		const both = Y.encodeStateAsUpdate(b.doc);
		expect(structRunOf(both, Y.decodeUpdate(both))).toBeNull();
	});
});

describe('concatRuns', () => {
	it('joins plain edits of several clients into an update with the same content as a merge', () => {
		const a = author(1);
		const b = author(2);
		a.text.insert(0, 'abc');
		Y.applyUpdate(b.doc, a.sent[0]!, 'peer');
		b.text.insert(3, 'XY');
		a.list.push([{ n: 1 }]);
		b.list.push(['two']);
		Y.applyUpdate(a.doc, b.sent[0]!, 'peer');
		a.text.insert(5, 'def');
		const updates = [a.sent[0]!, b.sent[0]!, a.sent[1]!, b.sent[1]!, a.sent[2]!];
		const joined = concatRuns(updates.map(part));
		expect(joined).not.toBeNull();
		expect(contentOf(joined!)).toEqual(contentOf(Y.mergeUpdates(updates)));
		expect(Y.encodeStateVectorFromUpdate(joined!)).toEqual(
			Y.encodeStateVectorFromUpdate(Y.mergeUpdates(updates))
		);
		// Applied one by one after the joined update, the originals add nothing.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, joined!);
		const before = Y.encodeStateAsUpdate(doc);
		updates.forEach((update) => Y.applyUpdate(doc, update));
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('returns null when a run is not plain or a client skips ahead', () => {
		const a = author(3);
		a.text.insert(0, 'one');
		a.text.insert(3, 'two');
		a.text.insert(6, 'three');
		expect(concatRuns([part(a.sent[0]!), part(a.sent[2]!)])).toBeNull();
		a.text.delete(0, 2);
		expect(concatRuns([part(a.sent[2]!), part(a.sent[3]!)])).toBeNull();
	});
});
