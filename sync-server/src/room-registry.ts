import type { CommitQueue } from './commit-queue';
import type { SyncServerConfig } from './config';
import { Room } from './room';

type RegistryConfig = Pick<
	SyncServerConfig,
	'persistence' | 'fanOut' | 'unloadGraceMs' | 'compaction' | 'logger'
>;

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
		const room = this.#rooms.get(name) ?? (await this.#load(name));
		this.#cancelUnload(room);
		return { room, release: room.lease() };
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
			onCommitted: (committed) => this.#maybeCompact(committed)
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
				this.#unloading.delete(room.name);
			});
		this.#unloading.set(room.name, unloading);
		return unloading;
	}

	/** Drops a document from memory without saving what is pending (before deleting it). */
	async evict(name: string, code: number, reason: string): Promise<void> {
		await this.#loading.get(name)?.catch(() => {});
		const room = this.#rooms.get(name);
		if (room) {
			room.abandon(new Error(`${name} was deleted`));
			this.#discard(room, code, reason);
		}
		await this.#unloading.get(name);
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
		const { maxUpdates, maxBytes } = this.#config.compaction;
		if (room.isCompacting || (room.logRows < maxUpdates && room.logBytes < maxBytes)) {
			return;
		}
		const rows = room.logRows;
		const bytes = room.logBytes;
		room.isCompacting = true;
		const compaction = this.#config.persistence
			.compact(room.name)
			.then(() => {
				// Whatever was appended while compacting is still in the log.
				room.logRows -= rows;
				room.logBytes -= bytes;
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
