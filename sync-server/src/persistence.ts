/**
 * Where documents live between process restarts. The sync server only ever talks to this
 * interface, so the embedded SQLite store can later be swapped for PostgreSQL without touching
 * rooms or connections.
 */
export interface StoredDoc {
	/** Snapshot first (if any), then every logged update after it, oldest first. */
	updates: Uint8Array[];
	/** Log rows not yet folded into the snapshot; drives the compaction policy. */
	logRows: number;
	logBytes: number;
}

export interface AppendEntry {
	docName: string;
	update: Uint8Array;
}

export interface DocPersistence {
	load(docName: string): Promise<StoredDoc>;
	/**
	 * Appends all entries atomically (one transaction). Resolving means durable: the server relays
	 * an update to clients only after this resolves.
	 */
	append(entries: readonly AppendEntry[]): Promise<void>;
	/**
	 * Folds the log into the snapshot. Must not lose updates appended while it runs: fold only up
	 * to a log position read at the start, and delete exactly those rows.
	 */
	compact(docName: string): Promise<void>;
	/**
	 * Removes every trace of a document (account deletion), including from the files' free space
	 * and journal. Runs after every append issued before it: the sync server relies on that order.
	 */
	deleteDoc(docName: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * Relays between sync-server instances that share one store (a later Redis implementation).
 * Payloads are already durable when published; receivers only apply and forward them.
 */
export interface FanOut {
	publish(docName: string, message: FanOutMessage): void;
	subscribe(docName: string, onMessage: (message: FanOutMessage) => void): () => void;
}

export type FanOutMessage =
	{ kind: 'update'; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array };

/** One process, one instance: there is nobody else to tell. */
export const localFanOut: FanOut = {
	publish() {},
	subscribe() {
		return () => {};
	}
};
