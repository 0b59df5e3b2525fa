import { browserNetwork, type NetworkStatus } from '../sync/network';
import type { DocRegistry } from './doc-registry';

export interface BackgroundIndexOptions {
	registry: Pick<DocRegistry, 'open' | 'docStatus' | 'on'>;
	network?: NetworkStatus;
	/** Give up waiting for one document's first sync after this long (default 15 s). */
	syncTimeoutMs?: number;
	/** Documents synced at the same time (default 1: the coach's own screens come first). */
	concurrency?: number;
}

/**
 * Keeps the Dexie index complete for documents the user has not opened on this device: the
 * index holds only what the registry's indexers have seen, so without this a coach's Messages
 * page would miss clients whose chat was never opened here. Opens each document through the
 * registry (which attaches the indexers), waits for its first sync or a timeout, releases it,
 * and moves on; waits while offline. Each name is indexed once per indexer.
 *
 *     const indexer = new BackgroundIndexer({ registry });
 *     indexer.index(['eng:a', 'sub:a']);
 *     indexer.stop();
 */
export class BackgroundIndexer {
	#options: BackgroundIndexOptions;
	#network: NetworkStatus;
	#queue: string[] = [];
	#seen = new Set<string>();
	#running = 0;
	#stopped = false;
	#wakers = new Set<() => void>();
	#offNetwork: () => void;

	constructor(options: BackgroundIndexOptions) {
		this.#options = options;
		this.#network = options.network ?? browserNetwork();
		this.#offNetwork = this.#network.subscribe(() => this.#wake());
	}

	/** Adds documents to index (names already indexed or queued are skipped). */
	index(docNames: readonly string[]): void {
		for (const name of docNames) {
			if (!this.#seen.has(name)) {
				this.#seen.add(name);
				this.#queue.push(name);
			}
		}
		while (!this.#stopped && this.#running < (this.#options.concurrency ?? 1)) {
			const next = this.#queue.shift();
			if (next === undefined) {
				break;
			}
			this.#running += 1;
			void this.#indexOne(next).finally(() => {
				this.#running -= 1;
				this.index([]);
			});
		}
	}

	/** True while documents wait or are being indexed. */
	get busy(): boolean {
		return this.#running > 0 || this.#queue.length > 0;
	}

	stop(): void {
		this.#stopped = true;
		this.#queue = [];
		this.#offNetwork();
		this.#wake();
	}

	async #indexOne(name: string): Promise<void> {
		await this.#until(() => this.#network.isOnline);
		if (this.#stopped) {
			return;
		}
		const handle = this.#options.registry.open(name);
		try {
			await handle.whenLoaded;
			const deadline = Date.now() + (this.#options.syncTimeoutMs ?? 15_000);
			await this.#until(
				() => this.#options.registry.docStatus(name)?.synced === true || Date.now() > deadline,
				deadline
			);
		} finally {
			// The registry keeps the document (and its indexers) a little longer after this.
			handle.release();
		}
	}

	/** Resolves once `condition` holds, checking on registry and network changes (and at `deadline`). */
	async #until(condition: () => boolean, deadline?: number): Promise<void> {
		while (!this.#stopped && !condition()) {
			await new Promise<void>((resolve) => {
				const wait = deadline === undefined ? null : Math.max(0, deadline - Date.now());
				const timer = wait === null ? null : setTimeout(() => done(), wait);
				const off = this.#options.registry.on('change', () => done());
				const done = () => {
					off();
					if (timer !== null) {
						clearTimeout(timer);
					}
					this.#wakers.delete(done);
					resolve();
				};
				this.#wakers.add(done);
			});
		}
	}

	#wake(): void {
		[...this.#wakers].forEach((wake) => wake());
	}
}
