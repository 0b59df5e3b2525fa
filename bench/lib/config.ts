/**
 * Workload sizes. BENCH_QUICK=1 shrinks everything for a smoke run; single BENCH_* variables
 * override one size (e.g. BENCH_DOCS=200). Defaults follow the brief in docs/performance.md.
 */
export interface BenchConfig {
	quick: boolean;
	propagation: { clientCounts: number[]; ratePerSecond: number; seconds: number };
	fanOut: { clients: number; rates: number[]; stepSeconds: number; p99LimitMs: number };
	memory: { docs: number; connectionsPerDoc: number; textBytes: number; variants: number };
	coldLoad: { messages: number; runs: number };
	/** Which servers to run: 'reference', 'ours' or both. */
	servers: ('reference' | 'ours')[];
	/** Which scenarios to run (BENCH_SCENARIOS, comma-separated); all by default. */
	scenarios: Set<Scenario>;
}

export const SCENARIOS = ['propagation', 'fan-out', 'memory', 'cold-load'] as const;
export type Scenario = (typeof SCENARIOS)[number];

function envList(value: string | undefined): string[] | null {
	const items = (value ?? '')
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean);
	return items.length > 0 ? items : null;
}

function envScenarios(value: string | undefined): Set<Scenario> {
	const names = envList(value) ?? [...SCENARIOS];
	const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
	if (unknown.length > 0) {
		throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (use ${SCENARIOS.join(', ')})`);
	}
	return new Set(names as Scenario[]);
}

function envCounts(value: string | undefined, fallback: number[]): number[] {
	const counts = (envList(value) ?? []).map(Number).filter((n) => Number.isInteger(n) && n >= 2);
	return counts.length > 0 ? counts : fallback;
}

function envInt(name: string, fallback: number): number {
	const value = Number.parseInt(process.env[name] ?? '', 10);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Offered rates grow by sqrt(2) per step: fine enough to tell 6x apart, few enough steps. */
function rateSteps(from: number, to: number): number[] {
	const rates: number[] = [];
	for (let rate = from; rate <= to && rates.length < 40; rate *= Math.SQRT2) {
		rates.push(Math.round(rate));
	}
	return rates;
}

export function loadBenchConfig(env = process.env): BenchConfig {
	const quick = env.BENCH_QUICK === '1';
	const servers = (env.BENCH_SERVERS ?? 'reference,ours')
		.split(',')
		.filter((name): name is 'reference' | 'ours' => name === 'reference' || name === 'ours');
	return {
		quick,
		propagation: {
			clientCounts: envCounts(env.BENCH_PROP_CLIENTS, [2, 50, 200]),
			ratePerSecond: envInt('BENCH_PROP_RATE', 20),
			seconds: envInt('BENCH_PROP_SECONDS', quick ? 3 : 10)
		},
		fanOut: {
			clients: 20,
			rates: rateSteps(
				envInt('BENCH_MIN_RATE', 250),
				envInt('BENCH_MAX_RATE', quick ? 8_000 : 128_000)
			),
			stepSeconds: envInt('BENCH_STEP_SECONDS', quick ? 1 : 3),
			// Only to explore a busy machine; the target is defined at 100 ms.
			p99LimitMs: envInt('BENCH_P99_LIMIT_MS', 100)
		},
		memory: {
			docs: envInt('BENCH_DOCS', quick ? 100 : 1_000),
			connectionsPerDoc: 2,
			textBytes: 10 * 1024,
			variants: 50
		},
		coldLoad: { messages: envInt('BENCH_CHAT_MESSAGES', quick ? 2_000 : 10_000), runs: 5 },
		servers,
		scenarios: envScenarios(env.BENCH_SCENARIOS)
	};
}
