import { createActor, type Actor } from '../../src/lib/docs/actor';
import type { TxOrigin } from '../../src/lib/docs/origin';

/** A clock that starts at `start` and advances by `step` ms on every read. */
export function steppingClock(start = Date.UTC(2026, 2, 1, 9), step = 1_000): () => number {
	let now = start - step;
	return () => (now += step);
}

/** Readable, deterministic ids ("coach-1-3") so failures are easy to follow. */
export function sequentialIds(prefix: string): () => string {
	let n = 0;
	return () => `${prefix}-${++n}`;
}

export function buildActor(
	userId: string,
	options: { origin?: TxOrigin; now?: () => number; newId?: () => string } = {}
): Actor {
	return createActor({
		userId,
		origin: options.origin,
		now: options.now ?? steppingClock(),
		newId: options.newId ?? sequentialIds(userId)
	});
}
