import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileSummary {
	totalMs: number;
	/** Self time per script file (or per V8 bucket: GC, program, idle). */
	byFile: { name: string; ms: number }[];
	/** Inclusive time per function, with the start of its minified source to recognise it. */
	byFunction: { name: string; ms: number; source: string }[];
}

export async function startProfile(page: Page): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	return cdp;
}

function selfTimes(profile: CpuProfile): Map<number, number> {
	const self = new Map<number, number>();
	profile.samples.forEach((nodeId, i) => {
		self.set(nodeId, (self.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	return self;
}

function sourceAt(clientDir: string, frame: ProfileNode['callFrame']): string {
	const file = path.join(clientDir, new URL(frame.url).pathname);
	const line = fs.existsSync(file)
		? fs.readFileSync(file, 'utf8').split('\n')[frame.lineNumber]
		: '';
	return (line ?? '').slice(frame.columnNumber, frame.columnNumber + 90).replace(/\s+/g, ' ');
}

function fileName(frame: ProfileNode['callFrame']): string {
	return frame.url
		? new URL(frame.url).pathname.replace('/_app/immutable/', '')
		: frame.functionName;
}

function functionKey(frame: ProfileNode['callFrame']): string | null {
	if (!frame.url.includes('/_app/')) {
		return null;
	}
	const name = frame.functionName || '(anonymous)';
	return `${name} ${fileName(frame)}:${frame.lineNumber}:${frame.columnNumber}`;
}

/**
 * Inclusive time per app function: each sample counts once for every distinct function on its
 * stack, so recursion (Svelte's effect tree calls itself) is not counted twice.
 */
function inclusiveTimes(profile: CpuProfile, self: Map<number, number>): Map<string, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map<string, number>();
	const onStack = new Map<string, number>();
	const visit = (id: number) => {
		const node = byId.get(id)!;
		const key = functionKey(node.callFrame);
		if (key) {
			onStack.set(key, (onStack.get(key) ?? 0) + 1);
		}
		const ms = self.get(id) ?? 0;
		if (ms > 0) {
			for (const active of onStack.keys()) {
				totals.set(active, (totals.get(active) ?? 0) + ms);
			}
		}
		(node.children ?? []).forEach(visit);
		if (key) {
			const depth = onStack.get(key)! - 1;
			if (depth === 0) {
				onStack.delete(key);
			} else {
				onStack.set(key, depth);
			}
		}
	};
	visit(profile.nodes[0]!.id);
	return totals;
}

/**
 * Stops the profiler and sums its samples: self time per file tells which library the main
 * thread was in; inclusive time per function finds the expensive call paths of the app code.
 */
export async function stopProfile(cdp: CDPSession, clientDir: string): Promise<ProfileSummary> {
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
	await cdp.detach();
	const self = selfTimes(profile);
	const files = new Map<string, number>();
	for (const node of profile.nodes) {
		const name = fileName(node.callFrame);
		files.set(name, (files.get(name) ?? 0) + (self.get(node.id) ?? 0));
	}
	const frames = new Map(
		profile.nodes.map((node) => [functionKey(node.callFrame), node.callFrame])
	);
	const functions = [...inclusiveTimes(profile, self)]
		.toSorted((a, b) => b[1] - a[1])
		.slice(0, 25)
		.map(([name, ms]) => ({ name, ms, source: sourceAt(clientDir, frames.get(name)!) }));
	return {
		totalMs: [...self.values()].reduce((a, b) => a + b, 0),
		byFile: [...files]
			.map(([name, ms]) => ({ name, ms }))
			.toSorted((a, b) => b.ms - a.ms)
			.slice(0, 10),
		byFunction: functions
	};
}

export function formatProfile(label: string, summary: ProfileSummary): string {
	const ms = (value: number) => value.toFixed(0).padStart(6);
	return [
		`CPU profile, ${label}: ${summary.totalMs.toFixed(0)} ms sampled`,
		'  self time by file:',
		...summary.byFile.map((entry) => `  ${ms(entry.ms)} ms  ${entry.name}`),
		'  inclusive time by function (app bundles):',
		...summary.byFunction.map((entry) => `  ${ms(entry.ms)} ms  ${entry.name}  ${entry.source}`)
	].join('\n');
}
