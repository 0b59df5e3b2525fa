import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { localOrigin } from '../docs/origin';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { DocRegistry } from './doc-registry';

/** Every IDBDatabase opened, so a test can close one the way a browser would. */
const opened: IDBDatabase[] = [];
const realOpen = indexedDB.open.bind(indexedDB);
indexedDB.open = (name: string, version?: number) => {
	const request = realOpen(name, version);
	request.addEventListener('success', () => opened.push(request.result));
	return request;
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0)) {
		await fn();
	}
	vi.restoreAllMocks();
});

let counter = 0;
async function openRegistry() {
	const userId = `user${++counter}`;
	const hub = new SyncHub();
	hub.setOnline(false);
	const registry = new DocRegistry({ userId, transport: hub.connect, network: new TestNetwork() });
	cleanups.push(() => registry.destroy());
	const handle = registry.open('eng:abc');
	await handle.whenLoaded;
	const dbName = `tandem:${userId}:eng:abc`;
	const db = opened.filter((d) => d.name === dbName).at(-1);
	if (!db) {
		throw new Error('the registry did not open IndexedDB');
	}
	return { registry, handle, dbName, db };
}

/** What a reload would see: a fresh doc loaded by y-indexeddb from the same database. */
async function reload(dbName: string): Promise<Record<string, unknown>> {
	const doc = new Y.Doc();
	const persistence = new IndexeddbPersistence(dbName, doc);
	await persistence.whenSynced;
	const json = doc.getMap('m').toJSON();
	await persistence.destroy();
	return json;
}

const write = (doc: Y.Doc, key: string) =>
	doc.transact(() => doc.getMap('m').set(key, key), localOrigin('u'));

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	expect(condition()).toBe(true);
}

describe('IndexedDB persistence through the registry', () => {
	it('persists edits and flushes them before a reload', async () => {
		const { registry, handle, dbName } = await openRegistry();
		write(handle.doc, 'a');
		await registry.flush();
		expect(await reload(dbName)).toEqual({ a: 'a' });
	});

	it('reopens after the browser closes the database and keeps persisting', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { registry, handle, dbName, db } = await openRegistry();
		write(handle.doc, 'before');
		await registry.flush();
		const count = opened.length;
		// Fires 'close', as storage pressure or clearing site data does. (fake-indexeddb types its
		// parameter as the IDBDatabase constructor; it takes an instance.)
		forceCloseDatabase(db as unknown as Parameters<typeof forceCloseDatabase>[0]);
		write(handle.doc, 'during'); // made before the new connection is open
		await until(() => opened.length > count);
		write(handle.doc, 'after');
		await registry.flush();
		expect(await reload(dbName)).toEqual({ before: 'before', during: 'during', after: 'after' });
	});

	it('reopens when a write fails on a database closed without an event', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { registry, handle, dbName, db } = await openRegistry();
		const count = opened.length;
		db.close(); // y-indexeddb's next transaction() throws InvalidStateError
		expect(() => write(handle.doc, 'first')).not.toThrow();
		await until(() => opened.length > count);
		write(handle.doc, 'second');
		await registry.flush();
		expect(await reload(dbName)).toEqual({ first: 'first', second: 'second' });
	});

	it('keeps two accounts on one device apart', async () => {
		const one = await openRegistry();
		const two = await openRegistry();
		write(one.handle.doc, 'mine');
		await Promise.all([one.registry.flush(), two.registry.flush()]);
		expect(await reload(one.dbName)).toEqual({ mine: 'mine' });
		expect(await reload(two.dbName)).toEqual({});
	});
});
