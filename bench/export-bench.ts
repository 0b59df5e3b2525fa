import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { createActor, type Actor } from '../src/lib/docs/actor';
import * as coachDoc from '../src/lib/docs/coach-doc';
import * as eng from '../src/lib/docs/engagement-doc';
import * as sub from '../src/lib/docs/subscription-doc';
import type { ExportEngagement, ExportPlan } from '../src/lib/export/build-export';
import { ExportSession } from '../src/lib/export/export-session';
import type { EngagementStates } from '../src/lib/export/format';
import type { FromExportWorker, ToExportWorker } from '../src/lib/export/worker-protocol';
import { describeMachine, formatMachine } from './lib/machine';

/*
 * `npm run bench:export`: exports a practice of BENCH_CLIENTS clients (default 1,000) with
 * BENCH_MESSAGES chat messages each (default 10,000) the way the browser does: this thread
 * plays the page (it only posts encoded states, at most three engagements in flight) and a
 * worker thread runs the real export worker code (ExportSession: decode, render, deflate).
 * It prints the time, the peak memory and the page thread's longest stall.
 *
 * Documents are generated from BENCH_TEMPLATES distinct engagements (default 4), reused in
 * turn: the export's cost per engagement depends on its size, not on which one it is, and
 * generating ten million messages would take longer than exporting them.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const TEMPLATES = Math.max(1, Math.min(CLIENTS, Number(process.env.BENCH_TEMPLATES ?? 4)));
const MAX_IN_FLIGHT = 3;
const FULL_CLIENTS = 1_000;
const log = (line: string) => console.log(`[bench:export] ${line}`);
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

function actor(userId: string, start: number): Actor {
	let n = 0;
	let now = start;
	return createActor({ userId, newId: () => `${userId}-${++n}`, now: () => (now += 30_000) });
}

/** Chat lines of varied length (20-200 characters), deterministic so runs compare. */
function messageText(i: number): string {
	const words = ['sleep', 'plan', 'walk', 'stress', 'week', 'goal', 'talk', 'rest', 'focus'];
	const length = 3 + ((i * 7919) % 30);
	return Array.from({ length }, (_, w) => words[(i + w * 31) % words.length]).join(' ') + '.';
}

function templateStates(t: number): EngagementStates {
	const coach = actor('coach', Date.UTC(2025, 0, 1) + t);
	const client = actor(`client-${t}`, Date.UTC(2025, 0, 1) + t);
	const shared = new Y.Doc();
	eng.migrate(shared);
	for (let i = 0; i < MESSAGES; i += 1) {
		must(eng.sendMessage(shared, i % 3 === 0 ? coach : client, { text: messageText(i + t) }));
	}
	for (let n = 0; n < 5; n += 1) {
		must(eng.createNote(shared, coach, { title: `Week ${n}`, text: messageText(n).repeat(5) }));
		must(eng.createGoal(shared, client, { title: `Goal ${n}` }));
	}
	const ledger = new Y.Doc();
	sub.migrate(ledger);
	for (let s = 0; s < 20; s += 1) {
		const startedAt = Date.UTC(2025, 0, 1) + s * 7 * 86_400_000;
		must(
			sub.recordSession(ledger, coach, {
				kind: 'video',
				startedAt,
				endedAt: startedAt + 2_700_000,
				outcome: 'completed',
				note: `Session ${s}, "fine"`
			})
		);
	}
	return { shared: Y.encodeStateAsUpdate(shared), subscription: Y.encodeStateAsUpdate(ledger) };
}

function practicePlan(): { plan: ExportPlan; coachState: Uint8Array } {
	const home = new Y.Doc();
	coachDoc.migrate(home);
	const coach = actor('coach', Date.UTC(2025, 0, 1));
	const engagements: ExportEngagement[] = Array.from({ length: CLIENTS }, (_, i) => {
		const id = `engagement-${String(i).padStart(5, '0')}`;
		must(
			coachDoc.createPrivateNote(home, coach, {
				engagementId: id,
				title: 'Intake',
				text: messageText(i)
			})
		);
		return {
			id,
			status: 'active',
			coach: { id: 'coach', name: 'Cora Coach', email: 'cora@example.com' },
			client: { id: `client-${i}`, name: `Client ${i}`, email: `client${i}@example.com` }
		};
	});
	const user = {
		id: 'coach',
		name: 'Cora Coach',
		email: 'cora@example.com',
		role: 'coach' as const
	};
	return {
		plan: { user, exportedAt: new Date().toISOString(), engagements },
		coachState: Y.encodeStateAsUpdate(home)
	};
}

/** What the page does per document: load it from its stored update, encode it for the worker. */
function pageCostPerEngagement(states: EngagementStates): number {
	const started = performance.now();
	for (const state of [states.shared, states.subscription]) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state ?? new Uint8Array());
		Y.encodeStateAsUpdate(doc);
		doc.destroy();
	}
	return performance.now() - started;
}

function runWorkerThread(): void {
	const port = parentPort;
	if (!port) {
		return;
	}
	const session = new ExportSession((message: FromExportWorker) => {
		// A Blob stays here; the page would get it by reference. Report its size only.
		port.postMessage(message.type === 'done' ? { ...message, zip: null } : message);
	});
	port.on('message', (message: ToExportWorker) => session.handle(message));
}

async function runExport(plan: ExportPlan, coachState: Uint8Array, templates: EngagementStates[]) {
	// Node 20 does not pass tsx's loader to workers: register it in the worker, then load this file.
	const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
	const worker = new Worker(boot, { eval: true });
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	let acked = 0;
	let wake = () => {};
	const finished = new Promise<FromExportWorker>((resolve, reject) => {
		worker.on('error', reject);
		worker.on('message', (message: FromExportWorker) => {
			if (message.type === 'progress') {
				acked = message.done;
				if (message.done % Math.max(1, Math.floor(CLIENTS / 10)) === 0) {
					log(`progress ${message.done}/${message.total}`);
				}
				wake();
			} else {
				resolve(message);
			}
		});
	});
	const started = performance.now();
	worker.postMessage({ type: 'start', plan, coachState } satisfies ToExportWorker);
	for (const [i, engagement] of plan.engagements.entries()) {
		while (acked < i + 2 - MAX_IN_FLIGHT) {
			await new Promise<void>((resolve) => (wake = resolve));
		}
		const template = templates[i % templates.length]!;
		// A fresh copy each time, transferred like the page transfers what it just encoded.
		const states = {
			shared: template.shared!.slice(),
			subscription: template.subscription!.slice()
		};
		const message: ToExportWorker = { type: 'engagement', id: engagement.id, states };
		worker.postMessage(message, [states.shared.buffer, states.subscription.buffer]);
	}
	worker.postMessage({ type: 'finish' } satisfies ToExportWorker);
	const outcome = await finished;
	const seconds = (performance.now() - started) / 1000;
	lag.disable();
	await worker.terminate();
	if (outcome.type !== 'done') {
		throw new Error(`export failed: ${JSON.stringify(outcome)}`);
	}
	return { seconds, bytes: outcome.bytes, files: outcome.files, maxLagMs: lag.max / 1e6 };
}

async function main(): Promise<void> {
	log(formatMachine(describeMachine()).replace(/\n/g, '\n[bench:export] '));
	log(`${CLIENTS} clients x ${MESSAGES} messages (${TEMPLATES} distinct engagements)`);
	const generating = performance.now();
	const templates = Array.from({ length: TEMPLATES }, (_, t) => templateStates(t));
	const { plan, coachState } = practicePlan();
	const stateBytes = templates.map((s) => (s.shared?.length ?? 0) + (s.subscription?.length ?? 0));
	const perEngagement = stateBytes.reduce((a, b) => a + b, 0) / templates.length;
	log(
		`generated in ${((performance.now() - generating) / 1000).toFixed(1)} s; Yjs state per engagement ${mb(perEngagement)}, coach document ${mb(coachState.length)}`
	);
	const pageMs = pageCostPerEngagement(templates[0]!);
	const result = await runExport(plan, coachState, templates);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	log(
		`export: ${result.seconds.toFixed(1)} s, ${((result.seconds * 1000) / CLIENTS).toFixed(0)} ms per engagement`
	);
	log(
		`zip: ${mb(result.bytes)}, ${result.files} files (raw states alone: ${mb(perEngagement * CLIENTS)})`
	);
	log(`peak memory (RSS, both threads, includes the generated templates): ${mb(peakRss)}`);
	log(
		`page thread: longest stall ${result.maxLagMs.toFixed(0)} ms while the worker exported; in the browser it also loads each document and encodes it: ${pageMs.toFixed(0)} ms per engagement, in separate tasks`
	);
	if (CLIENTS < FULL_CLIENTS) {
		const factor = FULL_CLIENTS / CLIENTS;
		log(
			`extrapolated to ${FULL_CLIENTS} clients (linear: every engagement is the same work, memory held per engagement is bounded by the in-flight limit): ~${((result.seconds * factor) / 60).toFixed(1)} min, zip ~${mb(result.bytes * factor)}`
		);
	}
}

if (isMainThread) {
	await main();
} else {
	runWorkerThread();
}
