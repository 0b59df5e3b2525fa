import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { DocPersistence, OpenDocPersistence } from './doc-persistence';

const UPDATES_STORE = 'updates';

/**
 * The browser's DocPersistence: y-indexeddb, plus what it lacks for an app that must never
 * silently stop saving:
 * - y-indexeddb never notices that the browser closed its IDBDatabase (storage pressure, the
 *   user clearing site data): we listen for the database's `close` event.
 * - Its update listener calls `db.transaction()`, which throws once the database is closed; a
 *   throwing 'update' listener would abort the listeners after it (the websocket provider's
 *   send), so we re-register it behind a try/catch that reports the failure instead.
 */
class IndexeddbDocPersistence implements DocPersistence {
	readonly whenLoaded: Promise<void>;
	#inner: IndexeddbPersistence;
	#doc: Y.Doc;
	#closedListeners = new Set<(reason: string) => void>();
	#closedReason: string | null = null;
	#destroyed = false;

	constructor(name: string, doc: Y.Doc) {
		this.#doc = doc;
		this.#inner = new IndexeddbPersistence(name, doc);
		doc.off('update', this.#inner._storeUpdate);
		doc.on('update', this.#storeUpdate);
		this.whenLoaded = new Promise<void>((resolve) => {
			void this.#inner.whenSynced.then(() => resolve());
			// Private browsing or a blocked open: keep working from memory rather than hang the UI.
			this.#inner._db.catch((error: unknown) => {
				this.#reportClosed(`open failed: ${String(error)}`);
				resolve();
			});
		});
		void this.#inner._db.then(
			(db) =>
				db.addEventListener('close', () => this.#reportClosed('database closed by the browser')),
			() => {}
		);
	}

	onClosed(fn: (reason: string) => void): () => void {
		if (this.#closedReason !== null) {
			queueMicrotask(() => fn(this.#closedReason ?? ''));
			return () => {};
		}
		this.#closedListeners.add(fn);
		return () => this.#closedListeners.delete(fn);
	}

	async flush(): Promise<void> {
		await this.whenLoaded;
		const db = this.#inner.db;
		if (!db || this.#closedReason !== null) {
			return;
		}
		// Transactions on the same store run in order, so when this empty readwrite transaction
		// completes, every write y-indexeddb queued before it has been committed.
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction([UPDATES_STORE], 'readwrite');
			tx.oncomplete = () => resolve();
			tx.onabort = () => reject(tx.error ?? new Error('flush aborted'));
			tx.onerror = () => reject(tx.error ?? new Error('flush failed'));
		});
	}

	async readMeta(key: string): Promise<unknown> {
		const raw: unknown = await this.#inner.get(key);
		return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
	}

	async writeMeta(key: string, value: unknown): Promise<void> {
		await this.#inner.set(key, JSON.stringify(value));
	}

	async destroy(): Promise<void> {
		if (this.#destroyed) {
			return;
		}
		this.#destroyed = true;
		this.#closedListeners.clear();
		this.#doc.off('update', this.#storeUpdate);
		await this.#inner.destroy().catch(() => {});
	}

	#storeUpdate = (update: Uint8Array, origin: unknown) => {
		if (this.#closedReason !== null) {
			return;
		}
		try {
			this.#inner._storeUpdate(update, origin);
		} catch (error) {
			this.#reportClosed(`write failed: ${String(error)}`);
		}
	};

	#reportClosed(reason: string): void {
		if (this.#closedReason !== null || this.#destroyed) {
			return;
		}
		this.#closedReason = reason;
		for (const fn of [...this.#closedListeners]) {
			fn(reason);
		}
		this.#closedListeners.clear();
	}
}

export const openIndexeddbPersistence: OpenDocPersistence = (name, doc) =>
	new IndexeddbDocPersistence(name, doc);
