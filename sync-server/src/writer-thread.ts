import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriterOptions, WriterReply, WriterRequest } from './sqlite-writer-protocol';

type Pending = { resolve: () => void; reject: (error: Error) => void };
type Request = WriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * Runs sqlite-writer.ts in a worker thread and turns its replies back into promises.
 * If the thread dies, everything pending and everything after fails: the rooms then drop their
 * unsaved state and clients resend it after reconnecting, as with any store failure.
 */
export class WriterThread {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;
	#failure: Error | null = null;

	constructor(options: WriterOptions) {
		this.#worker = new Worker(bootstrap(new URL('./sqlite-writer.ts', import.meta.url)), {
			eval: true,
			workerData: options
		});
		this.#worker.on('message', (reply: WriterReply) => this.#settle(reply));
		this.#worker.on('error', (error) => this.#fail(error));
		this.#worker.on('exit', (code) => this.#fail(new Error(`store writer exited (${code})`)));
	}

	request(request: Request): Promise<void> {
		if (this.#failure) {
			return Promise.reject(this.#failure);
		}
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ ...request, id } satisfies WriterRequest);
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

/**
 * Workers start without the parent's TypeScript loader (tsx, or vitest's transform), so the
 * thread registers tsx itself before importing the real entry. tsx is a runtime dependency.
 */
function bootstrap(entry: URL): string {
	const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
	const api = new URL('dist/esm/api/index.mjs', pathToFileURL(tsxPackage)).href;
	return `import(${JSON.stringify(api)})
		.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
}
