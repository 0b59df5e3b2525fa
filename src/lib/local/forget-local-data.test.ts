import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { indexDbName } from './db';
import { storageName } from './doc-persistence';
import { forgetLocalData } from './forget-local-data';
import { recallUser, rememberUser } from './remembered-user';

function create(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name, 1);
		request.onupgradeneeded = () => request.result.createObjectStore('s');
		request.onsuccess = () => {
			request.result.close();
			resolve();
		};
		request.onerror = () => reject(request.error as Error);
	});
}

const names = async () => (await indexedDB.databases()).map((d) => d.name).sort();

// Node has no localStorage; the remembered user only needs get/set/remove.
const store = new Map<string, string>();
globalThis.localStorage ??= {
	getItem: (k: string) => store.get(k) ?? null,
	setItem: (k: string, v: string) => void store.set(k, v),
	removeItem: (k: string) => void store.delete(k)
} as Storage;

afterEach(async () => {
	await Promise.all((await names()).map((n) => indexedDB.deleteDatabase(n!)));
});

describe('forgetLocalData (after an account deletion)', () => {
	it("deletes the user's document copies and index, and only theirs", async () => {
		const mine = [storageName('u1', 'eng:a'), storageName('u1', 'coach:u1'), indexDbName('u1')];
		const theirs = [storageName('u2', 'eng:a'), indexDbName('u2')];
		await Promise.all([...mine, ...theirs].map(create));
		rememberUser({ id: 'u1', name: 'Una', email: 'una@example.com', role: 'coach' });

		await forgetLocalData('u1', []);

		expect(await names()).toEqual([...theirs].sort());
		expect(recallUser()).toBeNull();
	});

	it('falls back to the known document names where the browser cannot list databases', async () => {
		await Promise.all([storageName('u3', 'eng:x'), indexDbName('u3')].map(create));
		const list = indexedDB.databases.bind(indexedDB);
		(indexedDB as { databases?: unknown }).databases = undefined;
		try {
			await forgetLocalData('u3', ['eng:x']);
		} finally {
			indexedDB.databases = list;
		}
		expect(await names()).toEqual([]);
	});
});
