import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DeletedRanges } from './deleted-ranges';
import { DocState } from './doc-state';
import { TieredUpdates } from './tiered-updates';
import { decodeClientMessage } from './protocol-messages';
import { encodeStateVector, mergeInChunks } from './update-codec';

/** A client doc that records each transaction's update, as a provider would send it. */
function author() {
	const doc = new Y.Doc();
	const sent: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => sent.push(update));
	return { doc, sent, text: doc.getText('t') };
}

function docFrom(...updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	updates.forEach((update) => Y.applyUpdate(doc, update));
	return doc;
}

const textOf = (...updates: Uint8Array[]) =>
	docFrom(...updates)
		.getText('t')
		.toString();

describe('DocState', () => {
	it('stores each new edit and reports the state vector a Y.Doc would', () => {
		const a = author();
		const state = new DocState([]);
		a.text.insert(0, 'hello');
		a.text.insert(5, ' world');
		a.sent.forEach((update) => expect(state.accept(update)).not.toBeNull());
		expect(state.stateVector()).toEqual(Y.encodeStateVector(a.doc));
		expect(textOf(state.snapshot())).toBe('hello world');
	});

	it('drops what it already has and keeps only the new part of an overlapping update', () => {
		const a = author();
		const state = new DocState([]);
		a.text.insert(0, 'abc');
		state.accept(a.sent[0]!);
		a.text.insert(3, 'def');
		expect(state.accept(a.sent[0]!)).toBeNull();
		// A reconnecting client's step 2 computed from an old state vector: old and new together.
		const overlapping = Y.encodeStateAsUpdate(a.doc);
		const effective = state.accept(overlapping);
		expect(effective).not.toBeNull();
		const carried = Y.decodeUpdate(effective!).structs.reduce((sum, s) => sum + s.length, 0);
		expect(carried).toBe(3);
		expect(textOf(a.sent[0]!, effective!)).toBe('abcdef');
		expect(state.accept(overlapping)).toBeNull();
	});

	it('tells new deletions from known ones, without any new structs', () => {
		const a = author();
		a.text.insert(0, 'abcdef');
		const state = new DocState([Y.encodeStateAsUpdate(a.doc)]);
		a.text.delete(1, 2);
		const deletion = a.sent.at(-1)!;
		expect(state.accept(deletion)).not.toBeNull();
		expect(state.accept(deletion)).toBeNull();
		// A full step 2 repeats the whole delete set: nothing new.
		expect(state.accept(Y.encodeStateAsUpdate(a.doc))).toBeNull();
		a.text.delete(0, 1);
		expect(state.accept(a.sent.at(-1)!)).not.toBeNull();
		expect(textOf(state.snapshot())).toBe('def');
	});

	it('keeps content that waits for a missing update, and counts it once the gap closes', () => {
		const a = author();
		a.text.insert(0, 'one');
		a.text.insert(3, 'two');
		const [first, second] = a.sent;
		const state = new DocState([]);
		expect(state.accept(second!)).not.toBeNull();
		// Nothing counts yet: a client must still be asked for the first update.
		expect(Y.decodeStateVector(state.stateVector()).size).toBe(0);
		expect(state.accept(first!)).not.toBeNull();
		state.snapshot();
		expect(state.stateVector()).toEqual(Y.encodeStateVector(a.doc));
		expect(textOf(state.snapshot())).toBe('onetwo');
	});

	it('answers sync step 1 with exactly what the client lacks, and fresh clients with everything', () => {
		const a = author();
		a.text.insert(0, 'shared ');
		const b = docFrom(Y.encodeStateAsUpdate(a.doc));
		a.text.insert(7, 'later');
		const state = new DocState([Y.encodeStateAsUpdate(a.doc)]);
		Y.applyUpdate(b, state.diff(Y.encodeStateVector(b)));
		expect(b.getText('t').toString()).toBe('shared later');
		const message = decodeClientMessage(state.fullStateMessage());
		expect(message.kind).toBe('sync-step2');
		expect(textOf(message.kind === 'sync-step2' ? message.update : new Uint8Array())).toBe(
			'shared later'
		);
		expect(state.fullStateMessage()).toBe(state.fullStateMessage());
	});

	it('rejects bytes that are not an update and stays unchanged', () => {
		const a = author();
		a.text.insert(0, 'kept');
		const state = new DocState([a.sent[0]!]);
		const before = state.stateVector();
		expect(() => state.accept(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow();
		expect(() => state.accept(new Uint8Array([1, 1, 7]))).toThrow();
		expect(state.stateVector()).toEqual(before);
		expect(textOf(state.snapshot())).toBe('kept');
	});

	it('folds many small edits into the state without losing any', () => {
		const a = author();
		const state = new DocState([]);
		for (let i = 0; i < 3000; i++) {
			a.text.insert(a.text.length, `${i % 10}`);
		}
		a.sent.forEach((update) => state.accept(update));
		expect(state.byteLength).toBeLessThan(200_000);
		expect(textOf(state.snapshot())).toBe(a.text.toString());
		expect(state.stateVector()).toEqual(Y.encodeStateVector(a.doc));
	});
});

describe('DocState pending batches', () => {
	it('holds accepted edits as pending until taken as one update, visible to snapshots meanwhile', () => {
		const a = author();
		const state = new DocState([]);
		['one ', 'two ', 'three'].forEach((word) => a.text.insert(a.text.length, word));
		a.sent.forEach((update) => state.accept(update));
		expect(state.hasPending).toBe(true);
		expect(textOf(state.snapshot())).toBe('one two three');
		expect(textOf(new Uint8Array(state.fullStateMessage().subarray(3)))).toBe('one two three');
		const batch = state.takePending();
		expect(state.hasPending).toBe(false);
		expect(textOf(batch!)).toBe('one two three');
		expect(state.takePending()).toBeNull();
		expect(textOf(state.snapshot())).toBe('one two three');
	});

	it('keeps updates already stored elsewhere out of the pending batch', () => {
		const a = author();
		const state = new DocState([]);
		a.text.insert(0, 'remote');
		a.text.insert(6, ' local');
		state.accept(a.sent[0]!, 'stored');
		expect(state.hasPending).toBe(false);
		state.accept(a.sent[1]!);
		expect(textOf(a.sent[0]!, state.takePending()!)).toBe('remote local');
		expect(textOf(state.snapshot())).toBe('remote local');
	});

	it('joins or merges random batches from several clients into the same document', () => {
		const writers = [author(), author(), author()];
		const truth = new Y.Doc();
		const state = new DocState([]);
		const stored: Uint8Array[] = [];
		let seed = 42;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 60; round++) {
			const edits = 1 + Math.floor(next() * 8);
			for (let i = 0; i < edits; i++) {
				const w = writers[Math.floor(next() * writers.length)]!;
				Y.applyUpdate(w.doc, Y.encodeStateAsUpdate(truth, Y.encodeStateVector(w.doc)));
				const before = w.sent.length;
				if (next() < 0.2 && w.text.length > 3) {
					w.text.delete(Math.floor(next() * (w.text.length - 2)), 2);
				} else {
					w.text.insert(Math.floor(next() * (w.text.length + 1)), `r${round}e${i} `);
				}
				w.sent.slice(before).forEach((update) => {
					Y.applyUpdate(truth, update);
					state.accept(update);
				});
			}
			stored.push(state.takePending()!);
		}
		const expected = truth.getText('t').toString();
		expect(textOf(...stored)).toBe(expected);
		expect(textOf(state.snapshot())).toBe(expected);
		expect(state.stateVector()).toEqual(Y.encodeStateVector(truth));
	});
});

describe('TieredUpdates', () => {
	it('never re-merges a large piece while small edits arrive, and merges all on demand', () => {
		const a = author();
		a.text.insert(0, 'x'.repeat(300_000));
		const big = Y.encodeStateAsUpdate(a.doc);
		const tiers = new TieredUpdates([big]);
		const first = a.sent.length;
		for (let i = 0; i < 2000; i++) {
			a.text.insert(a.text.length, `${i % 10}`);
		}
		a.sent.slice(first).forEach((update) => tiers.add(update));
		expect(tiers.isMerged).toBe(false);
		expect(tiers.byteLength).toBeGreaterThan(big.byteLength);
		const merged = tiers.merged();
		expect(tiers.isMerged).toBe(true);
		expect(textOf(merged)).toBe(a.text.toString());
	});
});

describe('update codec', () => {
	it('merges in chunks to the same document as one merge', () => {
		const a = author();
		for (let i = 0; i < 100; i++) {
			a.text.insert(0, `${i},`);
		}
		expect(textOf(mergeInChunks(a.sent))).toBe(textOf(Y.mergeUpdates(a.sent)));
		expect(textOf(mergeInChunks([]))).toBe('');
	});

	it('encodes a state vector like Yjs does', () => {
		const [a, b] = [author(), author()];
		a.text.insert(0, 'x');
		b.text.insert(0, 'yy');
		const doc = docFrom(a.sent[0]!, b.sent[0]!);
		const clocks = Y.decodeStateVector(Y.encodeStateVector(doc));
		expect(encodeStateVector(clocks)).toEqual(Y.encodeStateVector(doc));
	});
});

describe('DeletedRanges', () => {
	it('merges touching ranges and answers coverage', () => {
		const ranges = new DeletedRanges();
		ranges.addAll(1, [{ clock: 10, len: 5 }]);
		ranges.addAll(1, [{ clock: 0, len: 3 }]);
		ranges.addAll(1, [{ clock: 3, len: 7 }]);
		expect(ranges.covers(1, 0, 15)).toBe(true);
		expect(ranges.covers(1, 14, 2)).toBe(false);
		expect(ranges.covers(2, 0, 1)).toBe(false);
		ranges.addAll(1, [{ clock: 20, len: 1 }]);
		expect(ranges.covers(1, 15, 1)).toBe(false);
		expect(ranges.covers(1, 20, 1)).toBe(true);
	});

	it('adds a delete set in bulk or one range at a time with the same result, never quadratic', () => {
		const items = Array.from({ length: 100_000 }, (_, i) => ({
			clock: (i * 7919) % 300_000,
			len: 1 + (i % 3)
		}));
		const started = performance.now();
		new DeletedRanges().addAll(5, items);
		expect(performance.now() - started).toBeLessThan(2_000);
		const [bulk, spliced] = [new DeletedRanges(), new DeletedRanges()];
		bulk.addAll(5, items.slice(0, 3_000));
		items.slice(0, 3_000).forEach((item) => spliced.addAll(5, [item]));
		for (let clock = 0; clock < 300_000; clock += 7) {
			expect(spliced.covers(5, clock, 1)).toBe(bulk.covers(5, clock, 1));
		}
		expect(items.slice(0, 3_000).every((i) => spliced.covers(5, i.clock, i.len))).toBe(true);
	});
});
