import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DocPersistence } from '../../sync-server/src/index';

/**
 * BENCH_TRACE=<file>: once a second the server child appends one JSON line with its event-loop
 * delay and how long appends took to land, so a failing fan-out step can be attributed to the
 * event loop (stalls) or to the store (commit round trips). Diagnostic only; off by default.
 */
export function traced(persistence: DocPersistence, file: string | undefined): DocPersistence {
	if (!file) {
		return persistence;
	}
	const loop = monitorEventLoopDelay({ resolution: 1 });
	loop.enable();
	let appendMs: number[] = [];
	let entries = 0;
	const timer = setInterval(() => {
		const sorted = appendMs.sort((a, b) => a - b);
		const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
		const line = {
			t: Date.now(),
			loopP50: loop.percentile(50) / 1e6,
			loopP99: loop.percentile(99) / 1e6,
			loopMax: loop.max / 1e6,
			appends: sorted.length,
			entries,
			appendP50: at(0.5),
			appendP99: at(0.99),
			appendMax: sorted.at(-1)
		};
		fs.appendFileSync(file, JSON.stringify(line) + '\n');
		loop.reset();
		appendMs = [];
		entries = 0;
	}, 1000);
	timer.unref();
	return {
		load: (name) => persistence.load(name),
		compact: (name) => persistence.compact(name),
		deleteDoc: (name) => persistence.deleteDoc(name),
		close: () => persistence.close(),
		append(batch) {
			const started = performance.now();
			entries += batch.length;
			return persistence.append(batch).then(() => {
				appendMs.push(performance.now() - started);
			});
		}
	};
}
