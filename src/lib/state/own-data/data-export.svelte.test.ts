import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { PublicUser } from '../../domain/account';
import { samplePractice } from '../../export/export-sample.testing';
import { ExportSession } from '../../export/export-session';
import type { ExportManifest } from '../../export/format';
import type { FromExportWorker, ToExportWorker } from '../../export/worker-protocol';
import type { DocHandle } from '../../local/doc-registry';
import type { EngagementSummary } from '../../api/engagements';
import { DataExport, type ExportWorkerLike } from './data-export.svelte';

const practice = samplePractice();
const [adaState] = practice.states.values();
// Eight engagements (the sample's first one, repeated), so the in-flight limit matters.
const summaries: EngagementSummary[] = Array.from({ length: 8 }, (_, i) => ({
	id: `e${i}`,
	status: 'active',
	coach: { id: practice.coach.id, name: practice.coach.name },
	client: { id: i === 0 ? 'u-ada' : `u-${i}`, name: `Client ${i}`, email: `c${i}@example.com` },
	docs: { shared: `eng:e${i}`, subscription: `sub:e${i}` }
}));

/** A registry stand-in holding real documents; it records what was opened and released. */
function fakeRegistry() {
	const opened: string[] = [];
	let held = 0;
	const stateOf = (name: string) =>
		name.startsWith('coach:')
			? practice.coachState
			: name.startsWith('eng:')
				? adaState?.shared
				: adaState?.subscription;
	return {
		opened,
		openNames: [] as string[],
		held: () => held,
		open(name: string): DocHandle {
			opened.push(name);
			held += 1;
			const doc = new Y.Doc();
			Y.applyUpdate(doc, stateOf(name) ?? new Uint8Array());
			const loaded = new Promise<void>((resolve) => setTimeout(resolve, 1));
			const release = () => void (held -= 1);
			return { name, doc, awareness: new Awareness(doc), whenLoaded: loaded, release };
		}
	};
}

/** The real worker code (ExportSession) behind an asynchronous message channel. */
function inProcessWorker() {
	const listeners: ((event: MessageEvent<FromExportWorker>) => void)[] = [];
	const stats = { posted: 0, acked: 0, maxInFlight: 0 };
	const session = new ExportSession((message) => {
		if (message.type === 'progress') {
			stats.acked = message.done;
		}
		setTimeout(() => listeners.forEach((fn) => fn({ data: message } as MessageEvent)), 0);
	});
	const worker: ExportWorkerLike = {
		postMessage(message: ToExportWorker) {
			if (message.type === 'engagement') {
				stats.posted += 1;
				stats.maxInFlight = Math.max(stats.maxInFlight, stats.posted + 1 - stats.acked);
			}
			setTimeout(() => session.handle(message), 5);
		},
		addEventListener(type: string, fn: (event: never) => void) {
			if (type === 'message') {
				listeners.push(fn as (event: MessageEvent<FromExportWorker>) => void);
			}
		},
		terminate() {}
	};
	return { worker, stats };
}

async function exportAs(user: PublicUser, options: { openInTab?: string[] } = {}) {
	const registry = fakeRegistry();
	registry.openNames.push(...(options.openInTab ?? []));
	const stored = fakeRegistry();
	let storedClosed = false;
	const { worker, stats } = inProcessWorker();
	const saved: string[] = [];
	const exporter = new DataExport({
		user,
		registry,
		openStored: () => ({ docs: stored, close: async () => void (storedClosed = true) }),
		engagements: () => (user.role === 'coach' ? summaries : summaries.slice(0, 1)),
		createWorker: () => worker,
		save: (_url, name) => saved.push(name),
		now: () => new Date(Date.UTC(2026, 3, 5, 12))
	});
	const running = exporter.start();
	expect(exporter.phase).toBe('working');
	await running;
	const zip = exporter.result ? await (await fetch(exporter.result.url)).arrayBuffer() : null;
	const files = unzipSync(new Uint8Array(zip ?? []));
	return { exporter, registry, stored, storedClosed, stats, saved, files };
}

describe('DataExport', () => {
	it("exports a coach's documents through the worker and hands over the file", async () => {
		const run = await exportAs(practice.coach, { openInTab: ['coach:u-coach', 'eng:e3'] });
		const { exporter, registry, stored, stats, saved, files } = run;
		expect(exporter.phase).toBe('done');
		expect(exporter.percent).toBe(100);
		expect(saved).toEqual(['tandem-export-2026-04-05.zip']);
		// Open documents come from the tab's registry, the rest from stored copies.
		expect(registry.opened).toEqual(['coach:u-coach', 'eng:e3']);
		expect(stored.opened.filter((n) => n.startsWith('eng:'))).toHaveLength(7);
		expect(stored.opened.filter((n) => n.startsWith('sub:'))).toHaveLength(8);
		expect(registry.held() + stored.held()).toBe(0);
		expect(run.storedClosed).toBe(true);
		expect(stats.maxInFlight).toBeLessThanOrEqual(3);
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ExportManifest;
		expect(manifest.engagements).toHaveLength(8);
		expect(Object.keys(files).sort()).toEqual(
			['manifest.json', ...manifest.files.map((f) => f.path)].sort()
		);
		expect(exporter.result?.bytes).toBeGreaterThan(0);
	});

	it("never opens the coach's document for a client", async () => {
		const ada = practice.clients[0]!;
		const { stored, files } = await exportAs(ada);
		expect(stored.opened).toEqual(['eng:e0', 'sub:e0']);
		expect(
			Object.keys(files).some((path) => path.includes('private') || path === 'coach.yjs')
		).toBe(false);
	});

	it('reports a worker that fails midway, without waiting for it forever', async () => {
		const { worker } = inProcessWorker();
		const post = worker.postMessage.bind(worker);
		let engagements = 0;
		// The fourth engagement's message is damaged: the worker cannot decode it.
		worker.postMessage = (message: ToExportWorker) => {
			const damaged = message.type === 'engagement' && ++engagements === 4;
			const bad = { shared: new Uint8Array([1, 2, 3, 4]), subscription: null };
			post(damaged ? { ...message, states: bad } : message);
		};
		const exporter = new DataExport({
			user: practice.coach,
			registry: fakeRegistry(),
			openStored: () => ({ docs: fakeRegistry(), close: async () => {} }),
			engagements: () => summaries,
			createWorker: () => worker
		});
		await exporter.start();
		expect(exporter.phase).toBe('failed');
		expect(exporter.error).toBe('Could not build the export file.');
	});

	it('reports a worker that cannot start as an error', async () => {
		const exporter = new DataExport({
			user: practice.coach,
			registry: fakeRegistry(),
			openStored: () => ({ docs: fakeRegistry(), close: async () => {} }),
			engagements: () => summaries,
			createWorker: () => {
				throw new Error('no workers here');
			}
		});
		await exporter.start();
		expect(exporter.phase).toBe('failed');
		expect(exporter.error).toMatch(/stopped unexpectedly/);
	});
});
