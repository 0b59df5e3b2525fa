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

function inclusiveTimes(profile: CpuProfile, self: Map<number, number>): Map<number, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const total = new Map<number, number>();
	const visit = (id: number): number => {
		const node = byId.get(id)!;
		const sum = (self.get(id) ?? 0) + (node.children ?? []).reduce((acc, c) => acc + visit(c), 0);
		total.set(id, sum);
		return sum;
	};
	visit(profile.nodes[0]!.id);
	return total;
}

/**
 * Stops the profiler and sums its samples: self time per file tells which library the main
 * thread was in; inclusive time per function (recursion counted once per frame) finds the
 * expensive call paths of the app code.
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
	const inclusive = inclusiveTimes(profile, self);
	const functions = new Map<string, { ms: number; source: string }>();
	for (const node of profile.nodes) {
		const frame = node.callFrame;
		if (!frame.url.includes('/_app/')) {
			continue;
		}
		const key = `${frame.functionName || '(anonymous)'} ${fileName(frame)}:${frame.lineNumber}:${frame.columnNumber}`;
		const entry = functions.get(key) ?? { ms: 0, source: sourceAt(clientDir, frame) };
		entry.ms += inclusive.get(node.id) ?? 0;
		functions.set(key, entry);
	}
	return {
		totalMs: [...self.values()].reduce((a, b) => a + b, 0),
		byFile: [...files]
			.map(([name, ms]) => ({ name, ms }))
			.toSorted((a, b) => b.ms - a.ms)
			.slice(0, 10),
		byFunction: [...functions]
			.map(([name, value]) => ({ name, ...value }))
			.toSorted((a, b) => b.ms - a.ms)
			.slice(0, 25)
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
