import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { localOrigin } from '../docs/origin';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry } from './doc-registry';

const registries: DocRegistry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.destroy()));
});

function setup(localOnly: (docName: string) => boolean) {
	const storage = new MemoryDocStorage();
	const hub = new SyncHub({ latencyMs: 5 });
	const connects: string[] = [];
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: storage.open,
		transport: (name, doc, awareness) => {
			const transport = hub.connect(name, doc, awareness);
			const connect = transport.connect.bind(transport);
			transport.connect = () => {
				connects.push(name);
				connect();
			};
			return transport;
		},
		network: new TestNetwork(),
		migrate: () => {},
		idleGraceMs: 0,
		localOnly
	});
	registries.push(registry);
	return { storage, hub, registry, connects: (name: string) => connects.filter((n) => n === name) };
}

const set = (doc: Y.Doc, key: string) =>
	doc.transact(() => doc.getMap('m').set(key, key), localOrigin('u1'));

describe('local-only documents (closed engagements)', () => {
	it('opens them from this device without ever connecting, and does not count them as behind', async () => {
		const { hub, registry, connects } = setup((name) => name === 'eng:closed');
		const closed = registry.open('eng:closed');
		const open = registry.open('eng:open');
		await Promise.all([closed.whenLoaded, open.whenLoaded]);
		set(closed.doc, 'written on this device');
		await new Promise((resolve) => setTimeout(resolve, 50));
		registry.reconnect();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(connects('eng:closed')).toEqual([]);
		expect(connects('eng:open').length).toBeGreaterThan(0);
		expect(registry.docStatus('eng:closed')).toMatchObject({
			connection: 'disconnected',
			problem: 'access-lost'
		});
		expect(hub.serverDoc('eng:closed').getMap('m').size).toBe(0);
		// Its unsent change is not "syncing" forever in the app's badge.
		expect(registry.summary.pending).toBe(0);
		expect(registry.summary.state).toBe('online');
		closed.release();
		open.release();
	});

	it('keeps the local copy across reopening, and close() shuts an unheld document at once', async () => {
		const { registry } = setup(() => true);
		const first = registry.open('eng:closed');
		await first.whenLoaded;
		set(first.doc, 'kept');
		first.release();
		await registry.close(['eng:closed']);
		expect(registry.openNames).not.toContain('eng:closed');
		const again = registry.open('eng:closed');
		await again.whenLoaded;
		expect(again.doc.getMap('m').get('kept')).toBe('kept');
		again.release();
	});

	it('close() leaves a document a view still holds open', async () => {
		const { registry } = setup(() => true);
		const held = registry.open('eng:closed');
		await held.whenLoaded;
		await registry.close(['eng:closed']);
		expect(registry.openNames).toContain('eng:closed');
		held.release();
	});
});
