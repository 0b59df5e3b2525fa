import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { localOrigin } from '../../docs/origin';
import { MemoryDocStorage } from '../../local/doc-persistence.testing';
import { DocRegistry } from '../../local/doc-registry';
import { CloseCode } from '../../sync/protocol';
import { TestNetwork } from '../../sync/network.testing';
import { SyncHub } from '../../sync/transport.testing';
import { SyncStatus } from './sync-status.svelte';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0)) {
		await fn();
	}
});

function setup() {
	const hub = new SyncHub({ latencyMs: 5 });
	const network = new TestNetwork();
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: new MemoryDocStorage().open,
		transport: hub.connect,
		network,
		migrate: () => {}
	});
	cleanups.push(() => registry.destroy());
	const status = new SyncStatus(registry);
	const seen: string[] = [];
	// What a template would do: read the getters inside an effect.
	cleanups.push(
		$effect.root(() => {
			$effect(() => {
				seen.push(`${status.state}/${status.pending}${status.sessionExpired ? '/expired' : ''}`);
			});
		})
	);
	flushSync();
	return { hub, network, registry, status, seen };
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
		flushSync();
	}
	expect(condition()).toBe(true);
}

describe('SyncStatus', () => {
	it('re-runs effects as the registry goes syncing, online, offline', async () => {
		const { registry, network, status, seen } = setup();
		expect(seen).toEqual(['online/0']);
		const { doc, whenLoaded } = registry.open('eng:abc');
		await whenLoaded;
		await until(() => status.state === 'online' && seen.length > 1);
		network.set(false);
		flushSync();
		expect(seen.at(-1)).toBe('offline/0');
		doc.transact(() => doc.getMap('m').set('k', 'v'), localOrigin('u1'));
		flushSync();
		expect(seen.at(-1)).toBe('offline/1');
		network.set(true);
		await until(() => seen.at(-1) === 'online/0');
		expect(seen).toContain('syncing/0');
		expect(status.doc('eng:abc')).toMatchObject({ state: 'online', pending: 0 });
	});

	it('reports an expired session', async () => {
		const { registry, hub, status, seen } = setup();
		await registry.open('eng:abc').whenLoaded;
		await until(() => status.state === 'online');
		hub.close('eng:abc', CloseCode.Unauthenticated);
		flushSync();
		expect(seen.at(-1)).toBe('offline/0/expired');
		expect(status.docs.map((d) => d.problem)).toEqual(['session-expired']);
	});

	it('says why a document stopped syncing when the server found it full', async () => {
		const { registry, hub, status } = setup();
		await registry.open('eng:abc').whenLoaded;
		await until(() => status.state === 'online');
		expect(status.notice).toBeNull();
		hub.close('eng:abc', CloseCode.DocumentTooLarge);
		flushSync();
		expect(status.state).toBe('offline');
		expect(status.docs.map((d) => d.problem)).toEqual(['document-full']);
		expect(status.notice).toMatch(/size limit/);
	});
});
