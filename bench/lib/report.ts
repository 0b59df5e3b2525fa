import type { BenchConfig, Scenario } from './config';
import type { ColdLoadResult, FetchResult, MemoryResult } from './load-scenarios';
import type { FanOutResult, PropagationResult } from './scenarios';
import { formatTable, percentile, type Row } from './stats';

export interface ServerResults {
	propagation?: PropagationResult;
	fanOut?: FanOutResult;
	memory?: MemoryResult;
	coldLoad?: ColdLoadResult;
}

/** Keyed by which side of the comparison; the durable reference reports as 'reference'. */
export type Results = Partial<Record<'reference' | 'ours', ServerResults>>;

function median(values: number[]): number {
	return percentile(
		[...values].sort((a, b) => a - b),
		50
	);
}

function pick<T>(
	results: Results,
	read: (r: ServerResults) => T | undefined
): [T | undefined, T | undefined] {
	return [
		results.reference ? read(results.reference) : undefined,
		results.ours ? read(results.ours) : undefined
	];
}

function row(
	base: Omit<Row, 'reference' | 'ours'>,
	values: [number | undefined, number | undefined]
): Row {
	return { ...base, reference: values[0] ?? Number.NaN, ours: values[1] ?? null };
}

function propagationRows(results: Results, config: BenchConfig): Row[] {
	return config.propagation.clientCounts.flatMap((count) => {
		const p50 = pick(results, (r) => r.propagation?.[count]?.p50);
		const p99 = pick(results, (r) => r.propagation?.[count]?.p99);
		const target = count === 200 ? { ratio: 0.5, better: 'lower' as const } : undefined;
		return [
			row({ metric: `propagation p50, ${count} clients`, unit: 'ms' }, p50),
			row({ metric: `propagation p99, ${count} clients`, unit: 'ms', target }, p99)
		];
	});
}

function fanOutRows(results: Results, config: BenchConfig): Row[] {
	const client = pick(results, (r) => r.fanOut?.steps.at(-1)?.clientCpu);
	const server = pick(results, (r) => r.fanOut?.steps.at(-1)?.serverCpu);
	const note =
		`CPU at the last step: clients ${pct(client[0])} / ${pct(client[1])}, ` +
		`server ${pct(server[0])} / ${pct(server[1])} (ref / ours)`;
	return [
		row(
			{
				metric: `fan-out, ${config.fanOut.clients} clients, p99 ≤ ${config.fanOut.p99LimitMs} ms`,
				unit: 'edits/s',
				target: { ratio: 6, better: 'higher' },
				note
			},
			pick(results, (r) => r.fanOut?.bestRate)
		)
	];
}

function memoryRows(results: Results, config: BenchConfig): Row[] {
	const docs = config.memory.docs;
	const connections = docs * config.memory.connectionsPerDoc;
	return [
		row(
			{ metric: 'server RSS, idle after start', unit: 'MB' },
			pick(results, (r) => r.memory?.baselineMb)
		),
		row(
			{ metric: `server RSS, ${connections} idle connections on ${docs} empty docs`, unit: 'MB' },
			pick(results, (r) => r.memory?.connectedMb)
		),
		row(
			{
				metric: `server RSS, ${docs} docs + ${connections} idle connections`,
				unit: 'MB',
				target: { ratio: 0.5, better: 'lower' }
			},
			pick(results, (r) => r.memory?.loadedMb)
		)
	];
}

function coldLoadRows(results: Results, config: BenchConfig): Row[] {
	const n = config.coldLoad.messages;
	const med = (runs: FetchResult[] | undefined, read: (f: FetchResult) => number) =>
		runs && runs.length > 0 ? median(runs.map(read)) : undefined;
	const cold = 'reference: LevelDB (YPERSISTENCE); ours: SQLite';
	return [
		row(
			{ metric: `fresh client gets ${n}-message chat, doc in memory`, unit: 'ms', note: 'median' },
			pick(results, (r) => med(r.coldLoad?.warm, (f) => f.ms))
		),
		row(
			{ metric: `fresh client gets ${n}-message chat, doc not in memory`, unit: 'ms', note: cold },
			pick(results, (r) => med(r.coldLoad?.cold, (f) => f.ms))
		),
		row(
			{
				metric: 'server CPU for that cold load',
				unit: 'ms',
				target: { ratio: 0.5, better: 'lower' },
				note: 'median, /proc stat, 10 ms resolution'
			},
			pick(results, (r) => med(r.coldLoad?.cold, (f) => f.serverCpuMs))
		)
	];
}

function pct(value: number | undefined): string {
	return value === undefined ? 'n/a' : `${Math.round(value * 100)}%`;
}

const SECTIONS: [Scenario, string, (results: Results, config: BenchConfig) => Row[]][] = [
	['propagation', '### Edit propagation latency', propagationRows],
	['fan-out', '### Fan-out throughput', fanOutRows],
	['memory', '### Memory', memoryRows],
	['cold-load', '### Cold load', coldLoadRows]
];

/** One table per scenario that ran (BENCH_SCENARIOS). */
export function formatResults(results: Results, config: BenchConfig): string {
	return SECTIONS.filter(([scenario]) => config.scenarios.has(scenario))
		.flatMap(([, title, rows]) => [title, formatTable(rows(results, config))])
		.join('\n\n');
}
