import type { Workbox } from 'workbox-window';

// Work that must finish before the page reloads for an update (the workspace flushing its
// IndexedDB writes). A module-level set is fine here: it only ever exists in the browser.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a registry, not UI state
const beforeReloadHooks = new Set<() => Promise<void>>();

/** Registers `fn` to run (and be awaited) before an update reload; returns the unregister. */
export function beforeUpdateReload(fn: () => Promise<void>): () => void {
	beforeReloadHooks.add(fn);
	return () => beforeReloadHooks.delete(fn);
}

/**
 * Bridges the service worker's lifecycle (through workbox-window) to the UI: `available` turns
 * true when a new version is installed and waiting; `apply()` activates it and reloads once the
 * new worker controls the page. Local edits live in IndexedDB, so the reload loses nothing saved;
 * `beforeReload` lets the workspace flush pending writes first.
 */
export class AppUpdate {
	#available = $state(false);
	#applying = $state(false);
	#workbox: Workbox | null = null;

	get available(): boolean {
		return this.#available;
	}

	get applying(): boolean {
		return this.#applying;
	}

	async register(options: { dev: boolean }): Promise<void> {
		if (!('serviceWorker' in navigator)) {
			return;
		}
		// Loaded here, in the browser only: on the server Node would resolve its UMD build.
		const { Workbox } = await import('workbox-window');
		// Kit serves the dev worker as an ES module and bundles a classic script for production.
		const workbox = new Workbox('/service-worker.js', { type: options.dev ? 'module' : 'classic' });
		workbox.addEventListener('waiting', () => (this.#available = true));
		this.#workbox = workbox;
		await workbox.register();
	}

	async apply(
		beforeReload: () => Promise<void> = async () => {
			await Promise.all([...beforeReloadHooks].map((hook) => hook()));
		}
	): Promise<void> {
		const workbox = this.#workbox;
		if (!workbox || this.#applying) {
			return;
		}
		this.#applying = true;
		await beforeReload();
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}

	dismiss(): void {
		this.#available = false;
	}
}
