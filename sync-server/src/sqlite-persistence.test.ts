import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqlitePersistence } from './sqlite-persistence';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function open(): { store: SqlitePersistence; file: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-docs-'));
	dirs.push(dir);
	const file = path.join(dir, 'nested', 'docs.sqlite');
	return { store: new SqlitePersistence({ filename: file }), file };
}

/** Each call returns an update that pushes one number, as a client edit would. */
function writer() {
	const doc = new Y.Doc();
	return (value: number) => {
		let update!: Uint8Array;
		doc.once('update', (u: Uint8Array) => (update = u));
		doc.getArray<number>('n').push([value]);
		return update;
	};
}

async function numbers(store: SqlitePersistence, docName: string): Promise<number[]> {
	const doc = new Y.Doc();
	(await store.load(docName)).updates.forEach((u) => Y.applyUpdate(doc, u));
	return doc.getArray<number>('n').toArray();
}

describe('SqlitePersistence', () => {
	it('keeps updates appended while a compaction runs', async () => {
		const { store } = open();
		const push = writer();
		await store.append([0, 1, 2].map((n) => ({ docName: 'd', update: push(n) })));
		const compaction = store.compact('d');
		// Commits at once, on this thread; the fold reads on its own thread, before or after it.
		await store.append([{ docName: 'd', update: push(3) }]);
		await compaction;
		const stored = await store.load('d');
		expect(stored.logRows).toBeLessThanOrEqual(1);
		expect(await numbers(store, 'd')).toEqual([0, 1, 2, 3]);
		// Many appends while a long fold runs: whatever it did not read stays in the log.
		const long = Array.from({ length: 2_000 }, (_, n) => push(4 + n));
		await store.append(long.map((update) => ({ docName: 'd', update })));
		const folding = store.compact('d');
		const during = Array.from({ length: 50 }, (_, n) => push(2_004 + n));
		for (const update of during) {
			await store.append([{ docName: 'd', update }]);
			await new Promise((resolve) => setImmediate(resolve));
		}
		await folding;
		const expected = Array.from({ length: 2_054 }, (_, n) => n);
		expect(await numbers(store, 'd')).toEqual(expected);
		await store.close();
	});

	it('never hides an update behind a snapshot, even when the log was emptied', async () => {
		const { store } = open();
		const push = writer();
		await store.append([{ docName: 'd', update: push(0) }]);
		await store.compact('d');
		await store.append([{ docName: 'd', update: push(1) }]);
		expect(await numbers(store, 'd')).toEqual([0, 1]);
		await store.close();
	});

	it('keeps other documents apart and deletes one entirely', async () => {
		const { store } = open();
		const [a, b] = [writer(), writer()];
		await store.append([
			{ docName: 'a', update: a(1) },
			{ docName: 'b', update: b(2) }
		]);
		await store.compact('a');
		await store.append([{ docName: 'a', update: a(3) }]);
		await store.deleteDoc('a');
		expect(await store.load('a')).toEqual({ updates: [], logRows: 0, logBytes: 0 });
		expect(await numbers(store, 'b')).toEqual([2]);
		await store.close();
	});

	it('a compaction racing a delete leaves the document deleted', async () => {
		const { store } = open();
		const push = writer();
		await store.append([{ docName: 'd', update: push(1) }]);
		const compaction = store.compact('d');
		await store.deleteDoc('d');
		await compaction;
		expect((await store.load('d')).updates).toHaveLength(0);
		await store.close();
	});

	it('an append has committed, visible to any other connection, when it resolves', async () => {
		const { store, file } = open();
		const push = writer();
		const other = new Database(file, { readonly: true });
		const count = other.prepare<[], { n: number }>('SELECT count(*) AS n FROM doc_updates');
		await store.append([{ docName: 'd', update: push(1) }]);
		expect(count.get()?.n).toBe(1);
		other.close();
		await store.close();
	});

	it('keeps the order of appends issued without waiting', async () => {
		const { store } = open();
		const push = writer();
		const updates = Array.from({ length: 50 }, (_, n) => push(n));
		// Reversed application order would still converge; the log order is what must hold.
		await Promise.all(updates.map((update) => store.append([{ docName: 'd', update }])));
		const stored = await store.load('d');
		expect(stored.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(
			updates.map((u) => Buffer.from(u).toString('hex'))
		);
		await store.close();
	});

	it('fails writes after close instead of leaving them pending', async () => {
		const { store } = open();
		await store.close();
		await expect(store.append([{ docName: 'd', update: writer()(1) }])).rejects.toThrow();
	});
});
