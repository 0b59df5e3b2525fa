/*
 * Batches an indexer's work: changes inside one window (a typing burst, a sync step delivering
 * hundreds of updates) become one Dexie transaction. The window opens at the first change and is
 * not extended by later ones, so steady typing still reaches the index every `debounceMs`.
 * Writes go through the database's write queue in the order batches were taken: each batch reads
 * the document when it is taken, so the last write always reflects the latest state.
 */
import type { TandemIndexDb } from '../db';

export const DEFAULT_DEBOUNCE_MS = 50;

/** Computes a batch synchronously from the document; returns the Dexie write, or null. */
export type TakeBatch = () => (() => Promise<void>) | null;

export interface Batcher {
	schedule(): void;
	/** Runs a waiting batch now and resolves once every write so far has finished. */
	flush(): Promise<void>;
	/** Runs a waiting batch now (while the document is still readable) and accepts no more. */
	close(): void;
}

export function createBatcher(options: {
	db: TandemIndexDb;
	debounceMs: number;
	take: TakeBatch;
	onError: (error: unknown) => void;
}): Batcher {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let chain: Promise<void> = Promise.resolve();
	let isClosed = false;

	const runNow = () => {
		clearTimeout(timer);
		timer = undefined;
		const write = options.take();
		if (write) {
			const written = options.db.queueWrite(write).catch(options.onError);
			chain = chain.then(() => written);
		}
	};

	return {
		schedule() {
			if (!isClosed && timer === undefined) {
				timer = setTimeout(runNow, options.debounceMs);
			}
		},
		async flush() {
			if (timer !== undefined) {
				runNow();
			}
			await chain;
		},
		close() {
			if (timer !== undefined) {
				runNow();
			}
			isClosed = true;
		}
	};
}

/** Default error sink: a failed index write must not break editing; the next rebuild repairs. */
export function reportIndexError(error: unknown): void {
	console.error('Tandem index write failed', error);
}
