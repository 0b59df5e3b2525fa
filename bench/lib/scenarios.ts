import type { BenchConfig } from './config';
import { closeAll, connectMany } from './client';
import type { EditSource } from './edit-source';
import { runEdits, sleep, type EditRunResult } from './edit-run';
import type { BenchServer } from './servers';

// Lets every client finish its initial sync before the first timed edit.
const SETTLE_MS = 300;

export type PropagationResult = Record<number, EditRunResult>;

/** One writer, n - 1 receivers on one document, small edits at a fixed moderate rate. */
export async function measurePropagation(
	server: BenchServer,
	config: BenchConfig['propagation'],
	source: EditSource
): Promise<PropagationResult> {
	const result: PropagationResult = {};
	const frames = source.take(0, config.ratePerSecond * config.seconds);
	for (const count of config.clientCounts) {
		const clients = await connectMany(`${server.baseUrl}prop-${count}`, count);
		await sleep(SETTLE_MS);
		const [writer, ...receivers] = clients;
		result[count] = await runEdits({
			writer: writer!,
			receivers,
			frames,
			firstSeq: 0,
			ratePerSecond: config.ratePerSecond,
			drainMs: 3_000
		});
		await closeAll(clients);
		log(`  ${count} clients: ${describe(result[count])}`);
	}
	return result;
}

export interface FanOutResult {
	/** Highest offered rate whose p99 stayed within the limit; 0 if even the first step failed. */
	bestRate: number;
	steps: (EditRunResult & { rate: number; serverCpu: number })[];
}

/**
 * 20 clients on one document; the offered edit rate grows step by step until p99 passes the
 * limit (twice in a row). Steps continue one edit stream on one document, like a long busy session.
 */
export async function measureFanOut(
	server: BenchServer,
	config: BenchConfig['fanOut'],
	source: EditSource
): Promise<FanOutResult> {
	const clients = await connectMany(`${server.baseUrl}fan-out`, config.clients);
	const [writer, ...receivers] = clients;
	const steps: FanOutResult['steps'] = [];
	let bestRate = 0;
	let nextSeq = 0;
	for (const rate of config.rates) {
		// A step gets a second try: on a shared machine one stall elsewhere can spoil a p99.
		let passed = false;
		for (let attempt = 0; attempt < 2 && !passed; attempt++) {
			const frames = source.take(nextSeq, Math.ceil(rate * config.stepSeconds));
			await sleep(SETTLE_MS);
			const cpuBefore = server.cpuMs();
			const wallBefore = performance.now();
			const step = await runEdits({
				writer: writer!,
				receivers,
				frames,
				firstSeq: nextSeq,
				ratePerSecond: rate,
				drainMs: 2_000
			});
			const serverCpu = (server.cpuMs() - cpuBefore) / (performance.now() - wallBefore);
			nextSeq += frames.length;
			steps.push({ ...step, rate, serverCpu });
			log(`  ${rate} edits/s: ${describe(step)}, server cpu ${Math.round(serverCpu * 100)}%`);
			passed = step.p99 <= config.p99LimitMs;
		}
		if (!passed) {
			break;
		}
		bestRate = rate;
	}
	await closeAll(clients);
	return { bestRate, steps };
}

export function describe(run: EditRunResult): string {
	const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : String(value));
	const cpu = Math.round(run.clientCpu * 100);
	return `p50 ${ms(run.p50)} ms, p99 ${ms(run.p99)} ms, lost ${run.lost}, client cpu ${cpu}%`;
}

export function log(line: string): void {
	console.log(line);
}
