/** Nearest-rank percentile; `sorted` must be ascending. Missing samples are passed as Infinity. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) {
		return Number.NaN;
	}
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

export interface LatencySummary {
	samples: number;
	lost: number;
	p50: number;
	p99: number;
	max: number;
}

export function summarize(latencies: number[], expected: number): LatencySummary {
	const lost = Math.max(0, expected - latencies.length);
	const sorted = [...latencies, ...Array<number>(lost).fill(Infinity)].sort((a, b) => a - b);
	return {
		samples: latencies.length,
		lost,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1] ?? Number.NaN
	};
}

export interface Row {
	metric: string;
	unit: string;
	reference: number;
	ours: number | null;
	/** Pass when ours/reference is at most (`lower`) or at least (`higher`) this ratio. */
	target?: { ratio: number; better: 'lower' | 'higher' };
	note?: string;
}

function formatValue(value: number | null): string {
	if (value === null) {
		return 'n/a';
	}
	if (!Number.isFinite(value)) {
		return String(value);
	}
	return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function verdict(row: Row, ratio: number | null): string {
	if (!row.target) {
		return '';
	}
	const sign = row.target.better === 'lower' ? '≤' : '≥';
	const goal = `${sign} ${row.target.ratio}x`;
	if (ratio === null || Number.isNaN(ratio)) {
		return goal;
	}
	const met = row.target.better === 'lower' ? ratio <= row.target.ratio : ratio >= row.target.ratio;
	return `${goal} ${met ? 'met' : 'MISSED'}`;
}

/** A Markdown table, so the same text serves the terminal and docs/performance.md. */
export function formatTable(rows: Row[]): string {
	const lines = [
		'| metric | unit | reference | ours | ours/ref | target | note |',
		'|---|---|---:|---:|---:|---|---|'
	];
	for (const row of rows) {
		const ratio = row.ours === null || row.reference === 0 ? null : row.ours / row.reference;
		const cells = [
			row.metric,
			row.unit,
			formatValue(row.reference),
			formatValue(row.ours),
			ratio === null ? 'n/a' : `${formatValue(ratio)}x`,
			verdict(row, ratio),
			row.note ?? ''
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}
