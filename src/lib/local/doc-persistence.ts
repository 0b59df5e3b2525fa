import type * as Y from 'yjs';

/**
 * Local storage of one Y.Doc on this device (habit 6: a seam with a browser implementation in
 * `indexeddb-persistence.ts` and an in-memory one in `doc-persistence.testing.ts`).
 *
 * The persistence listens to the doc itself: every update, whatever its origin, is stored.
 */
export interface DocPersistence {
	/** Resolves once the stored copy has been applied to the doc (or storage turned out unusable). */
	readonly whenLoaded: Promise<void>;
	/**
	 * Calls `fn` at most once when storage stopped working underneath us (the browser closed the
	 * database, a write threw). The owner should destroy this instance and open a new one.
	 */
	onClosed(fn: (reason: string) => void): () => void;
	/** Resolves when every write issued so far has been committed. */
	flush(): Promise<void>;
	/** Small per-document bookkeeping stored next to the document (sync metadata). */
	readMeta(key: string): Promise<unknown>;
	writeMeta(key: string, value: unknown): Promise<void>;
	/** Stops listening to the doc and releases storage; stored data stays. */
	destroy(): Promise<void>;
}

/** Opens storage for `doc` under `name` (the registry passes `tandem:<userId>:<docName>`). */
export type OpenDocPersistence = (name: string, doc: Y.Doc) => DocPersistence;

/** Storage names are per user AND per document, so two accounts on one device never mix. */
export function storageName(userId: string, docName: string): string {
	return `tandem:${userId}:${docName}`;
}
