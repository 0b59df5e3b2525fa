import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry } from './doc-registry';

const registries: DocRegistry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.destroy()));
});

function device(hub: SyncHub, userId: string) {
	const registry = new DocRegistry({
		userId,
		persistence: new MemoryDocStorage().open,
		transport: hub.connect,
		network: new TestNetwork(),
		migrate: () => {}
	});
	registries.push(registry);
	return registry;
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	expect(condition()).toBe(true);
}

const names = (states: Map<number, Record<string, unknown>>) =>
	[...states.values()]
		.map((state) => (state.user as { name?: string } | undefined)?.name)
		.filter((name) => name !== undefined)
		.sort();

describe('presence through the registry handle', () => {
	it('every handle of a document in one tab shares one awareness', async () => {
		const registry = device(new SyncHub(), 'u1');
		const first = registry.open('eng:abc');
		const second = registry.open('eng:abc');
		expect(second.awareness).toBe(first.awareness);
		expect(first.awareness.clientID).toBe(first.doc.clientID);
	});

	it('two people on the same document see each other, and not after one leaves', async () => {
		const hub = new SyncHub({ latencyMs: 2 });
		const coach = device(hub, 'coach').open('eng:abc');
		const client = device(hub, 'client').open('eng:abc');
		await Promise.all([coach.whenLoaded, client.whenLoaded]);
		coach.awareness.setLocalStateField('user', { name: 'Coach', color: '#1d4ed8' });
		client.awareness.setLocalStateField('user', { name: 'Client', color: '#9d174d' });
		await until(() => names(coach.awareness.getStates()).length === 2);
		expect(names(client.awareness.getStates())).toEqual(['Client', 'Coach']);

		hub.setOnline(false);
		await until(() => names(coach.awareness.getStates()).length === 1);
		expect(names(client.awareness.getStates())).toEqual(['Client']);
	});

	it('presence on one document does not leak into another', async () => {
		const hub = new SyncHub({ latencyMs: 2 });
		const a = device(hub, 'coach').open('eng:a');
		const b = device(hub, 'client').open('eng:b');
		await Promise.all([a.whenLoaded, b.whenLoaded]);
		a.awareness.setLocalStateField('user', { name: 'Coach', color: '#1d4ed8' });
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(names(b.awareness.getStates())).toEqual([]);
	});
});

describe('pending changes from bindings without our origin', () => {
	it('counts an editor-style local change (foreign origin) but not a remote update', async () => {
		const hub = new SyncHub();
		hub.setOnline(false);
		const registry = device(hub, 'u1');
		const { doc, whenLoaded } = registry.open('eng:abc');
		await whenLoaded;
		const editorKey = { key: 'y-sync$' };
		doc.transact(() => doc.getXmlFragment('f').insert(0, [new Y.XmlText('typed')]), editorKey);
		const other = new Y.Doc();
		other.getMap('m').set('x', 1);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), editorKey);
		expect(registry.summary.pending).toBe(1);
	});
});
