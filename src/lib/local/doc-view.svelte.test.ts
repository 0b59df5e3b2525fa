import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { TestNetwork } from '../sync/network.testing';
import { SyncHub } from '../sync/transport.testing';
import { MemoryDocStorage } from './doc-persistence.testing';
import { DocRegistry } from './doc-registry';

const registries: DocRegistry[] = [];
afterEach(async () => {
	await Promise.all(registries.splice(0).map((r) => r.destroy()));
});

/** A registry that tears a document down as soon as nobody holds it, so a leak shows. */
function setup() {
	const registry = new DocRegistry({
		userId: 'u1',
		persistence: new MemoryDocStorage().open,
		transport: new SyncHub().connect,
		network: new TestNetwork(),
		idleGraceMs: 0
	});
	registries.push(registry);
	return registry;
}

/** Counts how often the document behind each view is released. */
function countingReleases(registry: DocRegistry) {
	const released: string[] = [];
	const open = registry.open.bind(registry);
	vi.spyOn(registry, 'open').mockImplementation((name): ReturnType<DocRegistry['open']> => {
		const handle = open(name);
		return { ...handle, release: () => (released.push(name), handle.release()) };
	});
	return released;
}

const titleOf = (doc: Y.Doc) => ({ doc, title: doc.getMap('m').get('title') ?? null });

describe('registry.view', () => {
	it('is loading until the local copy is in, then exposes the built view', async () => {
		const registry = setup();
		const view = registry.view('eng:a', titleOf);
		expect(view.loading).toBe(true);
		expect(view.current).toBeNull();
		const built = await view.ready;
		expect(view.loading).toBe(false);
		expect(view.current).toBe(built);
		expect(view.current?.title).toBeNull();
		view.close();
	});

	it('releases the document exactly once, however often close is called', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		const view = registry.view('eng:a', titleOf);
		await view.ready;
		view.close();
		view.close();
		expect(released).toEqual(['eng:a']);
		expect(view.current).toBeNull();
		await expect.poll(() => registry.openNames).toEqual([]);
	});

	it('two views of one document share its Y.Doc; it stays open until both close', async () => {
		const registry = setup();
		const first = registry.view('eng:a', titleOf);
		const second = registry.view('eng:a', titleOf);
		const [a, b] = await Promise.all([first.ready, second.ready]);
		expect(a?.doc).toBe(b?.doc);

		first.close();
		first.close();
		// registry.close tears down only documents nobody holds: the second view still does.
		await registry.close(['eng:a']);
		expect(registry.openNames).toEqual(['eng:a']);
		expect(second.current?.doc).toBe(a?.doc);

		second.close();
		await expect.poll(() => registry.openNames).toEqual([]);
	});

	it('closed before the copy loaded: nothing is built and nothing stays held', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		const build = vi.fn(titleOf);
		const view = registry.view('eng:a', build);
		view.close();
		expect(await view.ready).toBeNull();
		expect(build).not.toHaveBeenCalled();
		expect(view.current).toBeNull();
		expect(view.loading).toBe(false);
		expect(released).toEqual(['eng:a']);
		await expect.poll(() => registry.openNames).toEqual([]);
	});

	it('a builder that throws is reported as the error; the document is released at close', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		const failure = new Error('unreadable');
		const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
		const view = registry.view('eng:a', () => {
			throw failure;
		});
		expect(await view.ready).toBeNull();
		spy.mockRestore();
		expect(view.error).toBe(failure);
		expect(view.current).toBeNull();
		view.close();
		expect(released).toEqual(['eng:a']);
	});

	it('disposes a built view at close, and only a built one', async () => {
		const registry = setup();
		const disposed: unknown[] = [];
		const loaded = registry.view('eng:a', titleOf, { dispose: (view) => disposed.push(view) });
		const built = await loaded.ready;
		const early = registry.view('eng:b', titleOf, { dispose: (view) => disposed.push(view) });
		early.close();
		loaded.close();
		expect(disposed).toEqual([built]);
	});
});

describe('registry.view inside reactive code', () => {
	it('a $derived view is closed when its name changes and when its owner goes away', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		let name = $state('eng:a');
		const seen: (string | null)[] = [];
		const stop = $effect.root(() => {
			const view = $derived(registry.view(name, (doc) => doc.getMap('m').get('n') ?? name));
			$effect(() => {
				seen.push(view.current as string | null);
			});
		});
		flushSync();
		await expect.poll(() => seen.at(-1)).toBe('eng:a');

		name = 'eng:b';
		flushSync();
		expect(released).toEqual(['eng:a']);
		await expect.poll(() => seen.at(-1)).toBe('eng:b');

		stop();
		expect(released).toEqual(['eng:a', 'eng:b']);
		await expect.poll(() => registry.openNames).toEqual([]);
	});

	it('a $derived view nobody reads lets go of the document, and reopens when read again', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		let shown = $state(true);
		const name = $state('eng:a');
		const seen: unknown[] = [];
		const stop = $effect.root(() => {
			const view = $derived(registry.view(name, titleOf));
			$effect(() => {
				seen.push(shown ? (view.current ? 'built' : 'loading') : 'hidden');
			});
		});
		flushSync();
		await expect.poll(() => seen.at(-1)).toBe('built');

		shown = false;
		flushSync();
		expect(released).toEqual(['eng:a']);

		shown = true;
		flushSync();
		await expect.poll(() => seen.at(-1)).toBe('built');
		expect(registry.openNames).toEqual(['eng:a']);
		stop();
		expect(released).toEqual(['eng:a', 'eng:a']);
	});

	it('a view made in an $effect is closed when the effect re-runs or is destroyed', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		let name = $state('eng:a');
		const stop = $effect.root(() => {
			$effect(() => {
				registry.view(name, titleOf);
			});
		});
		flushSync();
		name = 'eng:b';
		flushSync();
		expect(released).toEqual(['eng:a']);
		stop();
		expect(released).toEqual(['eng:a', 'eng:b']);
	});

	it('outside reactive code nothing closes it but close()', async () => {
		const registry = setup();
		const released = countingReleases(registry);
		const view = registry.view('eng:a', titleOf);
		await view.ready;
		flushSync();
		expect(released).toEqual([]);
		view.close();
		expect(released).toEqual(['eng:a']);
	});
});
