import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { localOrigin } from '../docs/origin';
import { schemaVersion } from '../docs/migrations';
import { SyncHub } from '../sync/transport.testing';
import { TestNetwork } from '../sync/network.testing';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry, type DocRegistryOptions } from './doc-registry';

const registries: DocRegistry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.destroy()));
});

function setup(options: Partial<DocRegistryOptions> = {}) {
	const storage = new MemoryDocStorage();
	const hub = new SyncHub();
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: storage.open,
		transport: hub.connect,
		network: new TestNetwork(),
		...options
	});
	registries.push(registry);
	return { storage, hub, registry };
}

const write = (doc: Y.Doc, key: string, value: string) =>
	doc.transact(() => doc.getMap('m').set(key, value), localOrigin('u1'));

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('DocRegistry: one document per name', () => {
	it('two opens of the same name share one doc and one storage connection', async () => {
		const { registry, storage } = setup();
		const a = registry.open('eng:abc');
		const b = registry.open('eng:abc');
		expect(a.doc).toBe(b.doc);
		await a.whenLoaded;
		expect(storage.openCount).toBe(1);
		expect(registry.open('eng:other').doc).not.toBe(a.doc);
	});

	it('names local storage per user and document', async () => {
		const { registry, storage } = setup();
		await registry.open('coach:u1').whenLoaded;
		expect(storage.names()).toEqual(['tandem:u1:coach:u1']);
	});

	it('shows stored content before any network', async () => {
		const storage = new MemoryDocStorage();
		const seed = new Y.Doc();
		const seeded = storage.open('tandem:u1:eng:abc', seed);
		await seeded.whenLoaded;
		seed.getMap('m').set('k', 'stored');
		await seeded.destroy();
		const { registry, hub } = setup({ persistence: storage.open });
		hub.setOnline(false);
		const handle = registry.open('eng:abc');
		await handle.whenLoaded;
		expect(handle.doc.getMap('m').get('k')).toBe('stored');
	});
});

describe('DocRegistry: migrations', () => {
	it('runs the migration once per load, after the local copy is applied', async () => {
		const seen: unknown[] = [];
		const migrate = vi.fn((_name: string, doc: Y.Doc) => seen.push(doc.getMap('m').get('k')));
		const storage = new MemoryDocStorage();
		const seed = new Y.Doc();
		const seeded = storage.open('tandem:u1:eng:abc', seed);
		await seeded.whenLoaded;
		seed.getMap('m').set('k', 'stored');
		const { registry } = setup({ persistence: storage.open, migrate });
		const a = registry.open('eng:abc');
		const b = registry.open('eng:abc');
		await Promise.all([a.whenLoaded, b.whenLoaded]);
		expect(migrate).toHaveBeenCalledTimes(1);
		expect(seen).toEqual(['stored']);
	});

	it('attaches derived work once per load and detaches it at teardown', async () => {
		const detach = vi.fn();
		const attach = vi.fn((_name: string, doc: Y.Doc) => {
			expect(doc.getMap('m').get('k')).toBe('stored');
			return detach;
		});
		const storage = new MemoryDocStorage();
		const seed = new Y.Doc();
		await storage.open('tandem:u1:eng:abc', seed).whenLoaded;
		seed.getMap('m').set('k', 'stored');
		const { registry } = setup({ persistence: storage.open, attach, idleGraceMs: 10 });
		const a = registry.open('eng:abc');
		const b = registry.open('eng:abc');
		await Promise.all([a.whenLoaded, b.whenLoaded]);
		expect(attach).toHaveBeenCalledTimes(1);
		a.release();
		b.release();
		await until(() => detach.mock.calls.length === 1);
		expect(registry.openNames).toEqual([]);
	});

	it('opens a document even when its derived work throws', async () => {
		const { registry } = setup({
			attach: () => {
				throw new Error('index unavailable');
			}
		});
		const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
		const handle = registry.open('eng:abc');
		await handle.whenLoaded;
		write(handle.doc, 'k', 'v');
		expect(handle.doc.getMap('m').get('k')).toBe('v');
		expect(spy).toHaveBeenCalled();
		spy.mockRestore();
	});

	it('picks the schema module by prefix by default', async () => {
		const { registry } = setup();
		const handles = ['eng:a1', 'sub:a1', 'coach:u1'].map((name) => registry.open(name));
		await Promise.all(handles.map((h) => h.whenLoaded));
		for (const handle of handles) {
			expect(schemaVersion(handle.doc)).toBeGreaterThan(0);
		}
	});
});

describe('DocRegistry: idle documents', () => {
	it('tears a document down after the grace period once nobody holds it', async () => {
		const { registry, storage } = setup({ idleGraceMs: 30 });
		const a = registry.open('eng:abc');
		const b = registry.open('eng:abc');
		await a.whenLoaded;
		write(a.doc, 'k', 'kept');
		a.release();
		a.release(); // idempotent: must not release b's reference
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(registry.openNames).toEqual(['eng:abc']);
		b.release();
		await until(() => registry.openNames.length === 0 && storage.openCount === 0);
		expect(a.doc.isDestroyed).toBe(true);
		const again = registry.open('eng:abc');
		expect(again.doc).not.toBe(a.doc);
		await again.whenLoaded;
		expect(again.doc.getMap('m').get('k')).toBe('kept');
	});

	it('reopening within the grace period keeps the same doc', async () => {
		const { registry } = setup({ idleGraceMs: 30 });
		const a = registry.open('eng:abc');
		a.release();
		const b = registry.open('eng:abc');
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(b.doc).toBe(a.doc);
		expect(a.doc.isDestroyed).toBe(false);
	});
});
