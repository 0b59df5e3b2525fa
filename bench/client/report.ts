import type { MachineInfo } from '../lib/machine';
import type { DocCost } from './doc-costs';
import { totals, type PageWeight } from './js-weight';
import type { LoadMarks } from './readable';

export interface Scenario {
	label: string;
	/** Navigation start (or click) to readable, one value per run, in ms. */
	readable: number[];
	/** Medians of the milestones before readable, when the scenario is a full navigation. */
	milestones?: { htmlServed: number; domContentLoaded: number; opening: number | null };
}

export interface ClientBenchResults {
	when: string;
	commit: string;
	machine: MachineInfo;
	loadDuringRuns: string;
	messages: number;
	docBytes: number;
	docCosts: DocCost[];
	/** The first open, online: the chat comes from the server and is stored locally. */
	online: LoadMarks;
	scenarios: Scenario[];
	weights: PageWeight[];
	precache: { js: ReturnType<typeof totals>; all: ReturnType<typeof totals> };
}

export function summarize(values: readonly number[]) {
	const sorted = values.toSorted((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)}`);
const kb = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024).toFixed(1));

function table(headers: string[], rows: string[][], numeric: boolean[]): string {
	const rule = numeric.map((isNumber) => (isNumber ? '---:' : '---'));
	return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function readableTable(scenarios: readonly Scenario[]): string {
	const rows = scenarios.map((scenario) => {
		const { median, min, max } = summarize(scenario.readable);
		const marks = scenario.milestones;
		return [
			scenario.label,
			String(scenario.readable.length),
			ms(median),
			`${ms(min)}–${ms(max)}`,
			ms(marks?.htmlServed ?? null),
			ms(marks?.domContentLoaded ?? null),
			ms(marks?.opening ?? null)
		];
	});
	return table(
		[
			'server down, open the chat',
			'runs',
			'readable, median ms',
			'min–max',
			'HTML served',
			'DOMContentLoaded',
			'"Opening…" shown'
		],
		rows,
		[false, true, true, true, true, true, true]
	);
}

export function weightTable(
	weights: readonly PageWeight[],
	precache: ClientBenchResults['precache']
): string {
	const rows = weights.map((weight) => {
		const sum = totals(weight.files);
		return [weight.label, String(sum.count), kb(sum.raw), kb(sum.gzip), kb(sum.brotli)];
	});
	rows.push([
		'service worker precache, JS (after first load)',
		String(precache.js.count),
		kb(precache.js.raw),
		kb(precache.js.gzip),
		kb(precache.js.brotli)
	]);
	rows.push([
		'service worker precache, all files',
		String(precache.all.count),
		kb(precache.all.raw),
		kb(precache.all.gzip),
		kb(precache.all.brotli)
	]);
	return table(['first visit, fresh browser', 'JS files', 'raw KB', 'gzip KB', 'br KB'], rows, [
		false,
		true,
		true,
		true,
		true
	]);
}

export function chunkTable(weight: PageWeight, count = 5): string {
	const rows = weight.files
		.slice(0, count)
		.map((file) => [
			`\`${file.path.replace('/_app/immutable/', '')}\``,
			file.contains.join(', ') || '–',
			kb(file.raw),
			kb(file.gzip)
		]);
	return table([`largest chunks, ${weight.label}`, 'recognised', 'raw KB', 'gzip KB'], rows, [
		false,
		false,
		true,
		true
	]);
}

export function docCostTable(costs: readonly DocCost[]): string {
	const rows = costs.map((cost) => [cost.label, cost.medianMs.toFixed(1)]);
	return table(['Yjs work of an open, in Node (same document)', 'median ms'], rows, [false, true]);
}
