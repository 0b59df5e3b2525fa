import { afterEach, describe, expect, it } from 'vitest';
import * as eng from '../docs/engagement-doc';
import { createActor } from '../docs/actor';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { BackgroundIndexer } from './background-index';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry } from './doc-registry';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0)) {
		await fn();
	}
});

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	expect(condition()).toBe(true);
}

function setup(online = true) {
	const hub = new SyncHub({ latencyMs: 2 });
	const network = new TestNetwork(online);
	const attached: string[] = [];
	const registry = new DocRegistry({
		userId: 'coach',
		persistence: new MemoryDocStorage().open,
		transport: hub.connect,
		network,
		migrate: (_name, doc) => void eng.migrate(doc),
		// What the real indexers see: each document, once loaded.
		attach: (name, doc) => void attached.push(`${name}:${eng.listMessages(doc).length}`),
		idleGraceMs: 10
	});
	const indexer = new BackgroundIndexer({ registry, network, syncTimeoutMs: 1000 });
	cleanups.push(
		() => indexer.stop(),
		() => registry.destroy()
	);
	return { hub, network, registry, indexer, attached };
}

describe('BackgroundIndexer', () => {
	it('opens each document once, one at a time, and waits for its sync before the next', async () => {
		const { hub, registry, indexer, attached } = setup();
		eng.sendMessage(hub.serverDoc('eng:a'), createActor({ userId: 'client' }), { text: 'Hi' });
		const open: number[] = [];
		const off = registry.on('change', () => open.push(registry.openNames.length));
		indexer.index(['eng:a', 'eng:b', 'eng:a']);
		indexer.index(['eng:b']);
		await until(() => !indexer.busy);
		off();
		expect(attached.map((a) => a.split(':').slice(0, 2).join(':'))).toEqual(['eng:a', 'eng:b']);
		expect(registry.docStatus('eng:a')?.synced ?? true).toBe(true);
		// Concurrency 1: never more than the one being indexed plus one in its idle grace.
		expect(Math.max(...open)).toBeLessThanOrEqual(2);
	});

	it('waits while offline and continues when the network returns', async () => {
		const { network, indexer, attached } = setup(false);
		indexer.index(['eng:x']);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(attached).toEqual([]);
		expect(indexer.busy).toBe(true);
		network.set(true);
		await until(() => !indexer.busy);
		expect(attached).toEqual(['eng:x:0']);
	});
});
