import { Worker } from 'node:worker_threads';
import type { WriterOptions, WriterReply, WriterRequest } from './sqlite-writer-protocol';

type Pending = { resolve: () => void; reject: (error: Error) => void };
type Request = WriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

// The writer's heap only ever holds copies of updates on their way to SQLite: a small young
// generation makes the scavenger free them (and their backing stores) within a few MB of
// traffic, instead of letting tens of MB of garbage pile up in a second heap nobody collects.
const WRITER_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 256 };

/**
 * Runs sqlite-writer.js in a worker thread and turns its replies back into promises.
 * If the thread dies, everything pending and everything after fails: the rooms then drop their
 * unsaved state and clients resend it after reconnecting, as with any store failure.
 */
export class WriterThread {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;
	#failure: Error | null = null;

	constructor(options: WriterOptions) {
		this.#worker = new Worker(new URL('./sqlite-writer.js', import.meta.url), {
			workerData: options,
			resourceLimits: WRITER_LIMITS
		});
		this.#worker.on('message', (reply: WriterReply) => this.#settle(reply));
		this.#worker.on('error', (error) => this.#fail(error));
		this.#worker.on('exit', (code) => this.#fail(new Error(`store writer exited (${code})`)));
	}

	/** `transfer`: buffers that move to the thread (the caller must not touch them again). */
	request(request: Request, transfer: ArrayBuffer[] = []): Promise<void> {
		if (this.#failure) {
			return Promise.reject(this.#failure);
		}
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ ...request, id } satisfies WriterRequest, transfer);
		});
	}

	/** Closes the connection (after everything queued before it) and ends the thread. */
	async close(): Promise<void> {
		if (!this.#failure) {
			await this.request({ op: 'close' });
		}
		await this.#worker.terminate();
	}

	#settle(reply: WriterReply): void {
		const pending = this.#pending.get(reply.id);
		this.#pending.delete(reply.id);
		if (reply.ok) {
			pending?.resolve();
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
