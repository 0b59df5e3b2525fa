import * as Y from 'yjs';
import type { DocPersistence, OpenDocPersistence } from './doc-persistence';

interface StoredDoc {
	updates: Uint8Array[];
	meta: Map<string, string>;
}

/**
 * In-memory stand-in for IndexedDB: a "device" whose storage outlives the docs opened on it, so
 * tests can reload a document, and can pull the plug (`closeAll`) like a browser under storage
 * pressure does.
 */
export class MemoryDocStorage {
	readonly #docs = new Map<string, StoredDoc>();
	readonly #open = new Set<MemoryDocPersistence>();

	/** The OpenDocPersistence to hand to the registry. */
	readonly open: OpenDocPersistence = (name, doc) => {
		const instance = new MemoryDocPersistence(this.#stored(name), doc, () =>
			this.#open.delete(instance)
		);
		this.#open.add(instance);
		return instance;
	};

	/** Everything stored under `name`, merged into a fresh doc (what a reload would see). */
	load(name: string): Y.Doc {
		const doc = new Y.Doc();
		for (const update of this.#docs.get(name)?.updates ?? []) {
			Y.applyUpdate(doc, update);
		}
		return doc;
	}

	names(): string[] {
		return [...this.#docs.keys()];
	}

	/** How many persistences are open (not destroyed). */
	get openCount(): number {
		return this.#open.size;
	}

	/** Simulates the browser closing every database: later writes fail until reopened. */
	closeAll(reason = 'closed by test'): void {
		for (const instance of [...this.#open]) {
			instance.simulateClose(reason);
		}
	}

	#stored(name: string): StoredDoc {
		let stored = this.#docs.get(name);
		if (!stored) {
			stored = { updates: [], meta: new Map() };
			this.#docs.set(name, stored);
		}
		return stored;
	}
}

class MemoryDocPersistence implements DocPersistence {
	readonly whenLoaded: Promise<void>;
	#stored: StoredDoc;
	#doc: Y.Doc;
	#onDestroy: () => void;
	#closed: string | null = null;
	#listeners = new Set<(reason: string) => void>();

	constructor(stored: StoredDoc, doc: Y.Doc, onDestroy: () => void) {
		this.#stored = stored;
		this.#doc = doc;
		this.#onDestroy = onDestroy;
		// Like y-indexeddb: keep the current state first, then apply what was stored, asynchronously.
		this.whenLoaded = Promise.resolve().then(() => {
			stored.updates.push(Y.encodeStateAsUpdate(doc));
			Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)), this, false);
			doc.on('update', this.#store);
		});
	}

	onClosed(fn: (reason: string) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	async flush(): Promise<void> {}

	async readMeta(key: string): Promise<unknown> {
		const raw = this.#stored.meta.get(key);
		return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
	}

	async writeMeta(key: string, value: unknown): Promise<void> {
		this.#stored.meta.set(key, JSON.stringify(value));
	}

	async destroy(): Promise<void> {
		this.#doc.off('update', this.#store);
		this.#listeners.clear();
		this.#onDestroy();
	}

	simulateClose(reason: string): void {
		if (this.#closed === null) {
			this.#closed = reason;
			this.#listeners.forEach((fn) => fn(reason));
			this.#listeners.clear();
		}
	}

	#store = (update: Uint8Array, origin: unknown) => {
		if (origin !== this && this.#closed === null) {
			this.#stored.updates.push(update);
		}
	};
}
