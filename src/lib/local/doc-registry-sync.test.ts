import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { localOrigin, remoteOrigin } from '../docs/origin';
import { CloseCode } from '../sync/protocol';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry } from './doc-registry';

const registries: DocRegistry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.destroy()));
});

function setup(shared: { storage?: MemoryDocStorage; hub?: SyncHub } = {}) {
	const storage = shared.storage ?? new MemoryDocStorage();
	const hub = shared.hub ?? new SyncHub({ latencyMs: 5 });
	const network = new TestNetwork();
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: storage.open,
		transport: hub.connect,
		network,
		migrate: () => {}
	});
	registries.push(registry);
	return { storage, hub, network, registry };
}

const local = localOrigin('u1');
const set = (doc: Y.Doc, key: string) => doc.transact(() => doc.getMap('m').set(key, key), local);

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	expect(condition()).toBe(true);
}

describe('pending local changes (in-process hub)', () => {
	it('counts offline edits and clears them when the server echoes them', async () => {
		const { hub, registry } = setup();
		hub.setOnline(false);
		const { doc, whenLoaded } = registry.open('eng:abc');
		await whenLoaded;
		set(doc, 'a');
		set(doc, 'b');
		doc.transact(() => doc.getMap('m').set('x', 'not mine'), remoteOrigin);
		expect(registry.summary).toMatchObject({ state: 'offline', pending: 2 });
		hub.setOnline(true);
		await until(() => registry.summary.state === 'online');
		expect(registry.summary.pending).toBe(0);
		expect(hub.serverDoc('eng:abc').getMap('m').get('b')).toBe('b');
	});

	it('confirms a deletion-only change through the delete set the server sends', async () => {
		const { hub, registry } = setup();
		const { doc, whenLoaded } = registry.open('eng:abc');
		await whenLoaded;
		set(doc, 'a');
		await until(() => registry.summary.state === 'online');
		hub.setOnline(false);
		const text = doc.getText('t');
		doc.transact(() => text.insert(0, 'hello'), local);
		hub.setOnline(true);
		await until(() => registry.summary.state === 'online');
		hub.setOnline(false);
		doc.transact(() => text.delete(0, 2), local);
		expect(registry.summary.pending).toBe(1);
		hub.setOnline(true);
		await until(() => registry.summary.pending === 0);
		expect(hub.serverDoc('eng:abc').getText('t').toString()).toBe('llo');
	});

	it('still counts offline edits from before a reload until the server has them', async () => {
		const storage = new MemoryDocStorage();
		const hub = new SyncHub({ latencyMs: 5 });
		const first = setup({ storage, hub });
		hub.setOnline(false);
		const handle = first.registry.open('eng:abc');
		await handle.whenLoaded;
		set(handle.doc, 'a');
		set(handle.doc, 'b');
		await first.registry.destroy();

		const second = setup({ storage, hub });
		const reopened = second.registry.open('eng:abc');
		await reopened.whenLoaded;
		// The two items written by an earlier session, unconfirmed.
		expect(second.registry.summary.pending).toBe(2);
		set(reopened.doc, 'c');
		expect(second.registry.summary.pending).toBe(3);
		hub.setOnline(true);
		await until(() => second.registry.summary.state === 'online');
		expect(second.registry.summary.pending).toBe(0);
		expect(hub.serverDoc('eng:abc').getMap('m').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' });
	});
});

describe('sync state', () => {
	it('goes syncing, online, offline with the browser, and back', async () => {
		const { registry, network } = setup();
		const { whenLoaded } = registry.open('eng:abc');
		// Still loading from local storage: the first attempt, not a flash of "offline".
		expect(registry.summary.state).toBe('syncing');
		await whenLoaded;
		expect(registry.summary.state).toBe('syncing');
		await until(() => registry.summary.state === 'online');
		network.set(false);
		expect(registry.summary.state).toBe('offline');
		network.set(true);
		expect(registry.summary.state).toBe('online');
	});

	it('4401 expires the session: every document stops, local data stays', async () => {
		const { hub, registry } = setup();
		let expired = 0;
		registry.on('session-expired', () => expired++);
		const a = registry.open('eng:abc');
		const b = registry.open('sub:abc');
		await Promise.all([a.whenLoaded, b.whenLoaded]);
		await until(() => registry.summary.state === 'online');
		hub.close('eng:abc', CloseCode.Unauthenticated);
		expect(expired).toBe(1);
		expect(registry.summary).toMatchObject({ state: 'offline', sessionExpired: true });
		expect(registry.docStatus('sub:abc')?.connection).toBe('disconnected');
		set(a.doc, 'kept');
		expect(registry.summary.pending).toBe(1);
		registry.reconnect();
		await until(() => registry.summary.state === 'online');
		expect(registry.summary.sessionExpired).toBe(false);
	});

	it('4403/4410 marks one document as lost; 4503 reconnects', async () => {
		const { hub, registry } = setup();
		const lost: [string, number][] = [];
		registry.on('access-lost', (name, code) => lost.push([name, code]));
		const a = registry.open('eng:abc');
		const b = registry.open('eng:def');
		await Promise.all([a.whenLoaded, b.whenLoaded]);
		await until(() => registry.summary.state === 'online');
		hub.close('eng:abc', CloseCode.AccessRevoked);
		expect(lost).toEqual([['eng:abc', 4410]]);
		expect(registry.docStatus('eng:abc')).toMatchObject({
			problem: 'access-lost',
			state: 'offline'
		});
		expect(registry.summary.state).toBe('online');
		hub.close('eng:def', CloseCode.ServerShutdown);
		expect(registry.docStatus('eng:def')?.state).toBe('offline');
		await until(() => registry.docStatus('eng:def')?.state === 'online');
		expect(registry.docStatus('eng:abc')?.connection).toBe('disconnected');
	});
});
