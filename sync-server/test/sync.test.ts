import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testResources, startTestServer, text, waitFor } from './helpers';

const { server, client } = testResources();

describe('sync server with the stock y-websocket client', () => {
	it('two clients converge', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-a', 'bob');
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getText('text').insert(0, 'hello ');
		b.doc.getText('text').insert(0, 'world');
		await waitFor(() => text(a.doc).length === 11 && text(a.doc) === text(b.doc));
		expect(text(a.doc)).toContain('hello');
	});
});

describe('durability and lifecycle', () => {
	it('merges offline edits from both sides after reconnect', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-a', 'bob');
		await Promise.all([a.synced(), b.synced()]);
		a.provider.disconnect();
		b.provider.disconnect();
		a.doc.getMap('goals').set('a', 'run');
		b.doc.getMap('goals').set('b', 'swim');
		a.provider.connect();
		b.provider.connect();
		await waitFor(() => a.doc.getMap('goals').size === 2 && b.doc.getMap('goals').size === 2);
		expect(a.doc.getMap('goals').toJSON()).toEqual({ a: 'run', b: 'swim' });
	});

	it('keeps everything across a restart on the same data dir', async () => {
		const first = await startTestServer();
		const a = client(first.url, 'doc-a', 'alice');
		const b = client(first.url, 'doc-a', 'bob');
		a.doc.getText('text').insert(0, 'durable');
		await waitFor(() => text(b.doc) === 'durable');
		a.provider.disconnect();
		b.provider.disconnect();
		await first.close();
		const second = await server({ dataDir: first.dataDir });
		const fresh = client(second.url, 'doc-a', 'alice');
		await fresh.synced();
		expect(text(fresh.doc)).toBe('durable');
	});

	it('withDoc writes reach connected clients and persist', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		await a.synced();
		const result = await s.sync.withDoc('doc-a', (doc) => {
			doc.getMap('bookings').set('slot-1', 'confirmed');
			return 'ok';
		});
		expect(result).toBe('ok');
		await waitFor(() => a.doc.getMap('bookings').get('slot-1') === 'confirmed');
		const stored = new Y.Doc();
		(await s.persistence.load('doc-a')).updates.forEach((u) => Y.applyUpdate(stored, u));
		expect(stored.getMap('bookings').get('slot-1')).toBe('confirmed');
	});

	it('unloads an idle document and reloads it identical', async () => {
		const s = await server({ unloadGraceMs: 20 });
		const a = client(s.url, 'doc-a', 'alice');
		a.doc.getText('text').insert(0, 'abc');
		a.doc.getText('text').delete(1, 1);
		a.doc.getArray('list').push([1, 2, 3]);
		await s.sync.withDoc('doc-a', () => {});
		await waitFor(() => s.sync.stats().commits.updates > 0);
		const before = await s.sync.withDoc('doc-a', (doc) => Y.encodeStateAsUpdate(doc));
		a.provider.disconnect();
		await waitFor(() => s.sync.stats().rooms === 0);
		const after = await s.sync.withDoc('doc-a', (doc) => Y.encodeStateAsUpdate(doc));
		const [x, y] = [new Y.Doc(), new Y.Doc()];
		Y.applyUpdate(x, before);
		Y.applyUpdate(y, after);
		expect(y.toJSON()).toEqual(x.toJSON());
		expect(Y.encodeStateVector(y)).toEqual(Y.encodeStateVector(x));
		expect(text(y)).toBe('ac');
	});

	it('compaction while updates keep arriving loses nothing', async () => {
		const s = await server({ compaction: { maxUpdates: 5, maxBytes: 1 << 20 } });
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-a', 'bob');
		await Promise.all([a.synced(), b.synced()]);
		for (let i = 0; i < 120; i++) {
			a.doc.getArray<number>('n').push([i]);
			if (i % 3 === 0) {
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
		await waitFor(() => b.doc.getArray('n').length === 120, 5000);
		await s.sync.close();
		const stored = await s.persistence.load('doc-a');
		expect(stored.logRows).toBeLessThan(40);
		const doc = new Y.Doc();
		stored.updates.forEach((u) => Y.applyUpdate(doc, u));
		expect(doc.getArray('n').toArray()).toEqual([...Array(120).keys()]);
	});

	it('after a compaction the room serves the folded state, and later edits still land', async () => {
		const s = await server({ compaction: { maxUpdates: 5, maxBytes: 1 << 20, minLogRatio: 0 } });
		const a = client(s.url, 'doc-b', 'alice');
		await a.synced();
		const list = a.doc.getArray<number>('n');
		for (let i = 0; i < 60; i++) {
			list.push([i]);
			await new Promise((resolve) => setImmediate(resolve));
		}
		// Folded and rebased: the store's log is short again while the room stayed loaded.
		await waitFor(() => list.length === 60);
		// Folding runs in the background: poll the store (bounded) rather than wait a fixed time.
		for (let i = 0; (await s.persistence.load('doc-b')).logRows >= 30 && i < 500; i++) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		expect((await s.persistence.load('doc-b')).logRows).toBeLessThan(30);
		const fresh = client(s.url, 'doc-b', 'bob');
		await fresh.synced();
		await waitFor(() => fresh.doc.getArray('n').length === 60, 5000);
		expect(fresh.doc.getArray('n').toArray()).toEqual([...Array(60).keys()]);
		list.delete(0, 10);
		fresh.doc.getArray<number>('n').push([60]);
		await waitFor(() => list.length === 51 && fresh.doc.getArray('n').length === 51, 5000);
		expect(fresh.doc.getArray('n').toArray()).toEqual(list.toArray());
		await s.sync.close();
		const doc = new Y.Doc();
		(await s.persistence.load('doc-b')).updates.forEach((u) => Y.applyUpdate(doc, u));
		expect(doc.getArray('n').toArray()).toEqual(
			[...Array(50).keys()].map((i) => i + 10).concat(60)
		);
	}, 20_000);
});
