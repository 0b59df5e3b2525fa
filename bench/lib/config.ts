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
			clientCounts: [2, 50, 200],
			ratePerSecond: envInt('BENCH_PROP_RATE', 20),
			seconds: envInt('BENCH_PROP_SECONDS', quick ? 3 : 10)
		},
		fanOut: {
			clients: 20,
			rates: rateSteps(250, envInt('BENCH_MAX_RATE', quick ? 8_000 : 32_000)),
			stepSeconds: envInt('BENCH_STEP_SECONDS', quick ? 1 : 3),
			p99LimitMs: 100
		},
		memory: {
			docs: envInt('BENCH_DOCS', quick ? 100 : 1_000),
			connectionsPerDoc: 2,
			textBytes: 10 * 1024,
			variants: 50
		},
		coldLoad: { messages: envInt('BENCH_CHAT_MESSAGES', quick ? 2_000 : 10_000), runs: 5 },
		servers
	};
}
