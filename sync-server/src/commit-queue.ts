import type { SyncLogger } from './config';
import type { DocPersistence } from './persistence';

/** A room's side of group commit: hand over what is pending, hear back once it is durable. */
export interface Committable {
	readonly name: string;
	/** Moves the pending updates (merged) into flight; null when there is nothing to write. */
	takeBatch(): Uint8Array | null;
	/** The oldest batch this room has in flight is durable. */
	committed(): void;
	commitFailed(error: unknown): void;
}

export interface CommitStats {
	transactions: number;
	updates: number;
	bytes: number;
	/** Most appends that were in flight at once (pipelining depth actually reached). */
	maxInFlight: number;
}

type Batch = { room: Committable; update: Uint8Array }[];

/**
 * Appends handed to the store before the oldest one has landed. Two keep the store busy: while
 * one batch is being made durable, the next is already written and waits for the following
 * fsync, and a third gathers here. More would only cut the same traffic into more broadcasts.
 */
export const DEFAULT_MAX_IN_FLIGHT = 2;

/**
 * Group commit across all documents, pipelined: everything that became pending during one
 * event-loop turn is one append, handed to the store at once even while earlier appends are
 * still in flight (up to `maxInFlight`). Each append is relayed as soon as it has landed, and
 * landings are handled strictly in the order the appends were issued, so a document's later
 * batch is never relayed before an earlier one, whatever order the store settles them in.
 */
export class CommitQueue {
	readonly #persistence: DocPersistence;
	readonly #logger: SyncLogger;
	readonly #maxInFlight: number;
	readonly #dirty = new Set<Committable>();
	#scheduled = false;
	#inFlight = 0;
	/** Handling of the newest issued append; each one's handling chains on the previous one. */
	#tail: Promise<void> = Promise.resolve();
	#idle: (() => void)[] = [];
	readonly stats: CommitStats = { transactions: 0, updates: 0, bytes: 0, maxInFlight: 0 };

	constructor(
		persistence: DocPersistence,
		logger: SyncLogger,
		maxInFlight = DEFAULT_MAX_IN_FLIGHT
	) {
		this.#persistence = persistence;
		this.#logger = logger;
		this.#maxInFlight = Math.max(1, maxInFlight);
	}

	markDirty(room: Committable): void {
		this.#dirty.add(room);
		this.#schedule();
	}

	/** Resolves once nothing is pending or in flight. */
	drain(): Promise<void> {
		if (this.#isIdle()) {
			return Promise.resolve();
		}
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	#isIdle(): boolean {
		return this.#inFlight === 0 && !this.#scheduled && this.#dirty.size === 0;
	}

	#schedule(): void {
		if (this.#scheduled || this.#inFlight >= this.#maxInFlight) {
			return;
		}
		this.#scheduled = true;
		// setImmediate, not a microtask: lets every message already read from the sockets this
		// turn join the batch.
		setImmediate(() => this.#issue());
	}

	#issue(): void {
		this.#scheduled = false;
		const batch: Batch = [];
		for (const room of this.#dirty) {
			const update = room.takeBatch();
			if (update) {
				batch.push({ room, update });
			}
		}
		this.#dirty.clear();
		if (batch.length === 0) {
			return this.#settle();
		}
		this.#inFlight += 1;
		this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.#inFlight);
		const appended = this.#append(batch);
		this.#tail = this.#tail.then(() =>
			appended.then(
				() => this.#landed(batch),
				(error: unknown) => this.#failed(batch, error)
			)
		);
	}

	#append(batch: Batch): Promise<void> {
		try {
			return this.#persistence.append(
				batch.map((b) => ({ docName: b.room.name, update: b.update }))
			);
		} catch (error) {
			return Promise.reject(error);
		}
	}

	#landed(batch: Batch): void {
		this.#count(batch);
		this.#inFlight -= 1;
		for (const { room } of batch) {
			room.committed();
		}
		this.#settle();
	}

	#failed(batch: Batch, error: unknown): void {
		this.#logger.error('append failed; affected documents are reset', error);
		this.#inFlight -= 1;
		for (const { room } of batch) {
			room.commitFailed(error);
		}
		this.#settle();
	}

	#settle(): void {
		if (this.#dirty.size > 0) {
			this.#schedule();
		} else if (this.#isIdle()) {
			this.#idle.splice(0).forEach((resolve) => resolve());
		}
	}

	#count(batch: Batch): void {
		this.stats.transactions += 1;
		this.stats.updates += batch.length;
		this.stats.bytes += batch.reduce((sum, b) => sum + b.update.byteLength, 0);
	}
}
