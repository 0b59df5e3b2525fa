/**
 * Drives an Outbox: flushes at start, whenever something is enqueued, when the browser comes
 * back online, and on a timer when the head entry waits out its backoff.
 *
 *     const stop = startOutbox({ outbox, send }); // call stop() on sign-out
 */
import type { Clock } from '../docs/actor';
import type { Outbox, OutboxSend } from './outbox';

export interface OutboxRunnerOptions {
	outbox: Outbox;
	send: OutboxSend;
	/** Where `online` is announced; `window` in the browser. */
	events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
	/** Skips flushing while this says offline (sending would only burn retries). */
	isOnline?: () => boolean;
	now?: Clock;
	onError?: (error: unknown) => void;
}

export function startOutbox(options: OutboxRunnerOptions): () => void {
	const { outbox, send } = options;
	const events = options.events ?? globalThis;
	const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
	const now = options.now ?? Date.now;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let isStopped = false;
	let again = false;
	let running: Promise<void> | null = null;

	const schedule = (retryAt: number | null) => {
		clearTimeout(timer);
		timer = retryAt === null ? undefined : setTimeout(kick, Math.max(0, retryAt - now()));
	};
	const run = async () => {
		do {
			again = false;
			const report = await outbox.flush(send);
			schedule(isStopped ? null : report.retryAt);
		} while (again && !isStopped);
	};
	// A kick during a flush is remembered: the flush may have looked before the new entry landed.
	function kick() {
		if (isStopped || !isOnline()) {
			return;
		}
		if (running) {
			again = true;
			return;
		}
		running = run()
			.catch(options.onError ?? ((error: unknown) => console.error('Outbox flush failed', error)))
			.finally(() => (running = null));
	}

	const stopListening = outbox.onEnqueue(kick);
	events.addEventListener('online', kick);
	kick();
	return () => {
		isStopped = true;
		clearTimeout(timer);
		stopListening();
		events.removeEventListener('online', kick);
	};
}
