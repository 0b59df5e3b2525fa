import { Worker } from 'node:worker_threads';
import type {
	FoldedLog,
	MaintenanceOptions,
	MaintenanceReply,
	MaintenanceRequest
} from './sqlite-maintenance-protocol';

type Pending = { resolve: (folded: FoldedLog | null) => void; reject: (error: Error) => void };
type Request = MaintenanceRequest extends infer R
	? R extends unknown
		? Omit<R, 'id'>
		: never
	: never;

// The thread's heap holds a compaction's Y.Doc at most: a small young generation makes the
// scavenger free its garbage within a few MB instead of letting it pile up in a second heap.
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 256 };

/**
 * Runs sqlite-maintenance.js in a worker thread and turns its replies back into promises. The
 * thread does the work that may take long and must not stall the event loop: replaying a log
 * into a snapshot, checkpoints (which fsync the database file) and WAL truncation. If the
 * thread dies, everything pending and everything after fails; appends do not depend on it.
 */
export class MaintenanceThread {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;
	#failure: Error | null = null;

	constructor(options: MaintenanceOptions) {
		this.#worker = new Worker(new URL('./sqlite-maintenance.js', import.meta.url), {
			workerData: options,
			resourceLimits: THREAD_LIMITS
		});
		this.#worker.on('message', (reply: MaintenanceReply) => this.#settle(reply));
		this.#worker.on('error', (error) => this.#fail(error));
		this.#worker.on('exit', (code) => this.#fail(new Error(`store thread exited (${code})`)));
	}

	request(request: Request): Promise<FoldedLog | null> {
		if (this.#failure) {
			return Promise.reject(this.#failure);
		}
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ ...request, id } satisfies MaintenanceRequest);
		});
	}

	/** Closes the thread's connection (after everything queued before it) and ends the thread. */
	async close(): Promise<void> {
		if (!this.#failure) {
			await this.request({ op: 'close' });
		}
		await this.#worker.terminate();
	}

	#settle(reply: MaintenanceReply): void {
		const pending = this.#pending.get(reply.id);
		this.#pending.delete(reply.id);
		if (reply.ok) {
			pending?.resolve(reply.folded ?? null);
		} else {
			pending?.reject(new Error(reply.message));
		}
	}

	#fail(error: Error): void {
		this.#failure ??= error;
		this.#pending.forEach((pending) => pending.reject(error));
		this.#pending.clear();
	}
}
