import type { CommitQueue } from './commit-queue';
import type { SyncHooks, SyncServerConfig } from './config';
import { Room } from './room';

const MAX_ACQUIRE_ATTEMPTS = 3;

type RegistryConfig = Pick<
	SyncServerConfig,
	| 'persistence'
	| 'fanOut'
	| 'unloadGraceMs'
	| 'compaction'
	| 'logger'
	| 'maxPresenceBytes'
	| 'maxPresenceIdsPerConnection'
	| 'maxDocBytes'
> &
	Pick<SyncHooks, 'updatePolicy'>;

/**
 * Per-document state keyed by name, with explicit load and unload. A document is loaded once
 * however many connections ask at the same time, and a reload waits until the previous
 * instance has flushed, so an unloaded-then-reloaded document is identical.
 */
export class RoomRegistry {
	readonly #config: RegistryConfig;
	readonly #commits: CommitQueue;
	readonly #rooms = new Map<string, Room>();
	readonly #loading = new Map<string, Promise<Room>>();
	readonly #unloading = new Map<string, Promise<void>>();
	readonly #timers = new Map<Room, NodeJS.Timeout>();
	readonly #compactions = new Set<Promise<void>>();

	constructor(config: RegistryConfig, commits: CommitQueue) {
		this.#config = config;
		this.#commits = commits;
	}

	get size(): number {
		return this.#rooms.size;
	}

	rooms(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	/** Loads (or finds) the room and holds a lease on it; call the returned release when done. */
	async acquire(name: string): Promise<{ room: Room; release: () => void }> {
		for (let attempt = 1; ; attempt++) {
			const room = this.#rooms.get(name) ?? (await this.#load(name));
			// Deleted or discarded while we waited for the load: the next load waits for that to end.
			if (this.#rooms.get(name) === room) {
				this.#cancelUnload(room);
				return { room, release: room.lease() };
			}
			if (attempt === MAX_ACQUIRE_ATTEMPTS) {
				throw new Error(`${name} kept going away while loading`);
			}
		}
	}

	/** Flushes and drops every room: used by close(). */
	async unloadAll(): Promise<void> {
		await Promise.allSettled([...this.#loading.values()]);
		await Promise.allSettled([...this.#rooms.values()].map((room) => this.#unload(room)));
		await Promise.allSettled([...this.#unloading.values(), ...this.#compactions]);
	}

	#load(name: string): Promise<Room> {
		let loading = this.#loading.get(name);
		if (!loading) {
			loading = this.#create(name).finally(() => this.#loading.delete(name));
			this.#loading.set(name, loading);
		}
		return loading;
	}

	async #create(name: string): Promise<Room> {
		await this.#unloading.get(name);
		const stored = await this.#config.persistence.load(name);
		const room = new Room(name, stored, {
			commits: this.#commits,
			fanOut: this.#config.fanOut,
			onIdle: (idle) => this.#scheduleUnload(idle),
			onBroken: (broken) => this.#discard(broken),
			onCommitted: (committed) => this.#maybeCompact(committed),
			policy: this.#config.updatePolicy?.(name) ?? null,
			limits: {
				maxPresenceBytes: this.#config.maxPresenceBytes,
				maxPresenceIdsPerConnection: this.#config.maxPresenceIdsPerConnection,
				maxDocBytes: this.#config.maxDocBytes
			}
		});
		this.#rooms.set(name, room);
		return room;
	}

	#scheduleUnload(room: Room): void {
		this.#cancelUnload(room);
		const timer = setTimeout(() => {
			this.#timers.delete(room);
			if (room.isIdle) {
				void this.#unload(room);
			}
		}, this.#config.unloadGraceMs);
		timer.unref();
		this.#timers.set(room, timer);
	}

	#cancelUnload(room: Room): void {
		clearTimeout(this.#timers.get(room));
		this.#timers.delete(room);
	}

	#unload(room: Room): Promise<void> {
		this.#cancelUnload(room);
		if (this.#rooms.get(room.name) !== room) {
			return Promise.resolve();
		}
		this.#rooms.delete(room.name);
		// Until the flush is done, a new acquire of this name waits (see #create).
		const unloading = room
			.flush()
			.catch((error: unknown) => this.#config.logger.error(`flush of ${room.name} failed`, error))
			.finally(() => {
				room.destroy();
				this.#ungate(room.name, unloading);
			});
		this.#unloading.set(room.name, unloading);
		return unloading;
	}

	#ungate(name: string, gate: Promise<void>): void {
		if (this.#unloading.get(name) === gate) {
			this.#unloading.delete(name);
		}
	}

	/**
	 * Deletes a document: forgets what is pending (its waiters fail with DocumentDeleted), closes
	 * its connections, waits for an unload in progress, then runs `remove` (the store's delete).
	 * Until `remove` is done, loading this name waits, so the old rows are never read back; a
	 * later acquire gets a fresh, empty document.
	 */
	delete(name: string, code: number, reason: string, remove: () => Promise<void>): Promise<void> {
		// Captured now: the gate set below must not wait for itself.
		const loading = this.#loading.get(name);
		const unloading = this.#unloading.get(name);
		this.#evict(name, code, reason);
		const deletion = (async () => {
			await loading?.catch(() => {});
			// A load that was in progress has registered its room by now.
			this.#evict(name, code, reason);
			await unloading;
			await remove();
		})();
		const gate = deletion.then(
			() => {},
			() => {}
		);
		this.#unloading.set(name, gate);
		void gate.then(() => this.#ungate(name, gate));
		return deletion;
	}

	#evict(name: string, code: number, reason: string): void {
		const room = this.#rooms.get(name);
		if (room) {
			room.abandon(new DocumentDeletedError(name));
			this.#discard(room, code, reason);
		}
	}

	/**
	 * Enough log to fold: many rows or bytes, and (so a large document is not rewritten for a
	 * small tail) a log of at least `minLogRatio` of the rest of the document.
	 */
	#wantsCompaction(room: Room): boolean {
		const { maxUpdates, maxBytes, minLogRatio } = this.#config.compaction;
		if (room.logRows < maxUpdates && room.logBytes < maxBytes) {
			return false;
		}
		const folded = Math.max(0, room.state.byteLength - room.logBytes);
		return room.logBytes >= folded * minLogRatio;
	}

	/** After a failed commit the memory state cannot be trusted: close everyone and forget it. */
	#discard(room: Room, code = 1011, reason = 'document store failed; reconnect'): void {
		this.#cancelUnload(room);
		if (this.#rooms.get(room.name) === room) {
			this.#rooms.delete(room.name);
		}
		room.peers.forEach((peer) => peer.close(code, reason));
		room.destroy();
	}

	#maybeCompact(room: Room): void {
		if (room.isCompacting || !this.#wantsCompaction(room)) {
			return;
		}
		const rows = room.logRows;
		const bytes = room.logBytes;
		room.isCompacting = true;
		const { persistence } = this.#config;
		const compaction = persistence
			.compact(room.name)
			.then(async () => {
				// Whatever was appended while compacting is still in the log.
				room.logRows -= rows;
				room.logBytes -= bytes;
				// The folded state replaces the room's copy: compacted off the event loop.
				const taken = room.batchesTaken;
				const stored = await persistence.load(room.name);
				if (this.#rooms.get(room.name) === room) {
					room.rebase(stored, taken);
				}
			})
			.catch((error: unknown) =>
				this.#config.logger.error(`compaction of ${room.name} failed`, error)
			)
			.finally(() => {
				room.isCompacting = false;
				this.#compactions.delete(compaction);
			});
		this.#compactions.add(compaction);
	}
}

/** What a write or a durability wait gets when its document was deleted before it was stored. */
export class DocumentDeletedError extends Error {
	constructor(name: string) {
		super(`${name} was deleted`);
		this.name = 'DocumentDeletedError';
	}
}
