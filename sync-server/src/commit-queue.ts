import type { SyncLogger } from './config';
import type { DocPersistence } from './persistence';

/** A room's side of group commit: hand over what is pending, hear back once it is durable. */
export interface Committable {
	readonly name: string;
	/** Moves the pending updates (merged) into flight; null when there is nothing to write. */
	takeBatch(): Uint8Array | null;
	committed(): void;
	commitFailed(error: unknown): void;
}

export interface CommitStats {
	transactions: number;
	updates: number;
	bytes: number;
}

/**
 * Group commit across all documents: everything that became pending during one event-loop turn
 * is written in one transaction (one fsync), and while that is in flight the next batch gathers.
 * One commit at a time keeps per-document order without any locking.
 */
export class CommitQueue {
	readonly #persistence: DocPersistence;
	readonly #logger: SyncLogger;
	readonly #dirty = new Set<Committable>();
	#scheduled = false;
	#running = false;
	#idle: (() => void)[] = [];
	readonly stats: CommitStats = { transactions: 0, updates: 0, bytes: 0 };

	constructor(persistence: DocPersistence, logger: SyncLogger) {
		this.#persistence = persistence;
		this.#logger = logger;
	}

	markDirty(room: Committable): void {
		this.#dirty.add(room);
		this.#schedule();
	}

	/** Resolves once nothing is pending or in flight. */
	drain(): Promise<void> {
		if (!this.#running && !this.#scheduled && this.#dirty.size === 0) {
			return Promise.resolve();
		}
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	#schedule(): void {
		if (this.#scheduled || this.#running) {
			return;
		}
		this.#scheduled = true;
		// setImmediate, not a microtask: lets every message already read from the sockets this
		// turn join the batch.
		setImmediate(() => void this.#run());
	}

	async #run(): Promise<void> {
		this.#scheduled = false;
		this.#running = true;
		const batch: { room: Committable; update: Uint8Array }[] = [];
		for (const room of this.#dirty) {
			const update = room.takeBatch();
			if (update) {
				batch.push({ room, update });
			}
		}
		this.#dirty.clear();
		try {
			if (batch.length === 0) {
				return this.#finish();
			}
			await this.#persistence.append(
				batch.map((b) => ({ docName: b.room.name, update: b.update }))
			);
			this.#count(batch.map((b) => b.update));
			for (const { room } of batch) {
				room.committed();
			}
		} catch (error) {
			this.#logger.error('append failed; affected documents are reset', error);
			for (const { room } of batch) {
				room.commitFailed(error);
			}
		}
		this.#finish();
	}

	#finish(): void {
		this.#running = false;
		if (this.#dirty.size > 0) {
			this.#schedule();
		} else {
			this.#idle.splice(0).forEach((resolve) => resolve());
		}
	}

	#count(updates: Uint8Array[]): void {
		this.stats.transactions += 1;
		this.stats.updates += updates.length;
		this.stats.bytes += updates.reduce((sum, update) => sum + update.byteLength, 0);
	}
}
