import type { PublicUser } from '../../domain/account';
import type { EngagementSummary } from '../../api/engagements';
import type { ExportPractice } from '../../export/format';
import type { FromExportWorker, ToExportWorker } from '../../export/worker-protocol';
import { DocRegistry } from '../../local/doc-registry';
import { coachDocName, engagementDocs } from '../../sync/protocol';
import {
	currentTime,
	docNamesById,
	exportFileName,
	exportPlan,
	localOnlyTransport,
	preferOpen,
	readDocState,
	type DocOpener,
	type LiveDocs
} from './export-plan';

export type ExportPhase = 'idle' | 'working' | 'done' | 'failed';

/** Why an export failed; each maps to one message below. */
export type ExportProblem =
	// IndexedDB refused or a document could not be loaded on this device.
	| 'read-failed'
	// The worker could not start (old browser) or crashed (out of memory on a huge practice).
	| 'worker-failed'
	// The worker reported an error while building (damaged document, zip limits).
	| 'build-failed';

const MESSAGES: Record<ExportProblem, string> = {
	'read-failed': 'Could not read your documents on this device. Try again.',
	'worker-failed': 'The export stopped unexpectedly. Close other tabs and try again.',
	'build-failed': 'Could not build the export file.'
};

export interface ExportResult {
	readonly fileName: string;
	readonly bytes: number;
	readonly files: number;
	/** An object URL for "download again"; revoked by reset(). */
	readonly url: string;
}

/** The part of a Worker the export uses, so tests can pass an in-process stand-in. */
export interface ExportWorkerLike {
	postMessage(message: ToExportWorker, transfer?: Transferable[]): void;
	addEventListener(type: 'message', fn: (event: MessageEvent<FromExportWorker>) => void): void;
	addEventListener(type: 'error', fn: (event: Event) => void): void;
	terminate(): void;
}

export interface DataExportDeps {
	readonly user: PublicUser;
	/** The workspace's DocRegistry. */
	readonly registry: LiveDocs;
	/**
	 * Opens this device's stored copies of documents the tab does not have open; `close` runs
	 * when the export ends. Default: a local-only DocRegistry (see `preferOpen`).
	 */
	readonly openStored?: () => { readonly docs: DocOpener; close(): Promise<void> };
	readonly engagements: () => readonly EngagementSummary[];
	readonly createWorker?: () => ExportWorkerLike;
	/** Hands the finished file to the person (default: an a[download] click). */
	readonly save?: (url: string, fileName: string) => void;
	readonly now?: () => Date;
	/** A coach's catalogue and availability for the manifest (see fetchPractice); null offline. */
	readonly practice?: () => Promise<ExportPractice | null>;
}

// Engagements posted to the worker and not yet acknowledged: enough to keep it busy, few
// enough that a large practice's states never pile up in memory on either side.
const MAX_IN_FLIGHT = 3;

function defaultWorker(): ExportWorkerLike {
	return new Worker(new URL('../../export/export.worker.ts', import.meta.url), { type: 'module' });
}

function storedRegistry(userId: string) {
	return () => {
		const registry = new DocRegistry({ userId, transport: localOnlyTransport, idleGraceMs: 0 });
		return { docs: registry, close: () => registry.destroy() };
	};
}

function clickDownload(url: string, fileName: string): void {
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
}

const transferOf = (...states: Uint8Array[]) => states.map((s) => s.buffer as ArrayBuffer);

/**
 * "Export my data": reads each local document through the DocRegistry and streams its encoded
 * state to the export worker, which builds the zip; this class only tracks progress.
 *
 * @example
 * const exporter = new DataExport({ user, registry, engagements: () => engagements.all });
 * await exporter.start(); // exporter.percent, exporter.result, exporter.error
 */
export class DataExport {
	#deps: DataExportDeps;
	#phase = $state<ExportPhase>('idle');
	#done = $state(0);
	#total = $state(0);
	#result = $state<ExportResult | null>(null);
	#problem = $state<ExportProblem | null>(null);
	#worker: ExportWorkerLike | null = null;
	#waiters: (() => void)[] = [];
	// Set when the worker has answered for the last time (failed, crashed): stop posting to it.
	#halted = false;
	#stopListening: (() => void) | null = null;

	constructor(deps: DataExportDeps) {
		this.#deps = deps;
	}

	get phase(): ExportPhase {
		return this.#phase;
	}

	/** 0-100, whole numbers. */
	get percent(): number {
		return this.#total === 0 ? 0 : Math.floor((this.#done / this.#total) * 100);
	}

	get result(): ExportResult | null {
		return this.#result;
	}

	get error(): string | null {
		return this.#problem && MESSAGES[this.#problem];
	}

	async start(): Promise<void> {
		if (this.#phase === 'working') {
			return;
		}
		this.reset();
		this.#halted = false;
		this.#phase = 'working';
		const now = (this.#deps.now ?? currentTime)();
		const practice =
			this.#deps.user.role === 'coach' && this.#deps.practice
				? await this.#deps.practice().catch(() => null)
				: null;
		const plan = exportPlan(this.#deps.user, this.#deps.engagements(), now, practice);
		this.#total = plan.engagements.length + 1;
		let worker: ExportWorkerLike;
		try {
			worker = (this.#deps.createWorker ?? defaultWorker)();
		} catch {
			return this.#fail('worker-failed');
		}
		this.#worker = worker;
		const finished = this.#listen(worker);
		const posted = await this.#post(worker, plan).catch(() => false);
		const outcome = posted
			? await finished
			: { type: 'failed' as const, problem: 'read-failed' as const };
		if (this.#worker !== worker) {
			return; // reset() while running: nothing to report
		}
		if (outcome.type === 'failed') {
			return this.#fail(outcome.problem);
		}
		this.#finish(outcome.zip, outcome.files, exportFileName(now));
	}

	/** Stops a running export and forgets the last result. */
	reset(): void {
		this.#stopWorker();
		if (this.#result) {
			URL.revokeObjectURL(this.#result.url);
		}
		this.#result = null;
		this.#problem = null;
		this.#phase = 'idle';
		this.#done = 0;
		this.#total = 0;
	}

	#listen(
		worker: ExportWorkerLike
	): Promise<
		{ type: 'done'; zip: Blob; files: number } | { type: 'failed'; problem: ExportProblem }
	> {
		return new Promise((resolve) => {
			// reset() terminates the worker, which then never answers: settle here instead.
			this.#stopListening = () => resolve({ type: 'failed', problem: 'worker-failed' });
			worker.addEventListener('message', ({ data }) => {
				if (data.type === 'progress') {
					this.#done = data.done;
					this.#wake();
				} else if (data.type === 'done') {
					resolve({ type: 'done', zip: data.zip, files: data.files });
				} else {
					this.#halt();
					resolve({ type: 'failed', problem: 'build-failed' });
				}
			});
			worker.addEventListener('error', () => {
				this.#halt();
				resolve({ type: 'failed', problem: 'worker-failed' });
			});
		});
	}

	/** Posts the plan, then each engagement's states as they are read; false if stopped. */
	async #post(worker: ExportWorkerLike, plan: ReturnType<typeof exportPlan>): Promise<boolean> {
		const stored = (this.#deps.openStored ?? storedRegistry(this.#deps.user.id))();
		try {
			return await this.#postAll(worker, plan, preferOpen(this.#deps.registry, stored.docs));
		} finally {
			await stored.close();
		}
	}

	async #postAll(
		worker: ExportWorkerLike,
		plan: ReturnType<typeof exportPlan>,
		registry: DocOpener
	): Promise<boolean> {
		const { user } = this.#deps;
		const coachState =
			user.role === 'coach' ? await readDocState(registry, coachDocName(user.id)) : null;
		worker.postMessage(
			{ type: 'start', plan, coachState },
			coachState ? transferOf(coachState) : []
		);
		const docsOf = docNamesById(this.#deps.engagements());
		// Stopped by reset() or by the worker's failure: either way start() reports the outcome.
		const stopped = () => this.#worker !== worker || this.#halted;
		for (const [index, engagement] of plan.engagements.entries()) {
			// Unit 1 is the coach document; engagement `index` is acknowledged as unit index + 2.
			await this.#until(() => stopped() || this.#done >= index + 2 - MAX_IN_FLIGHT);
			if (stopped()) {
				return true;
			}
			const docs = docsOf(engagement.id) ?? engagementDocs(engagement.id);
			const shared = await readDocState(registry, docs.shared);
			const subscription = await readDocState(registry, docs.subscription);
			const states = { shared, subscription };
			worker.postMessage(
				{ type: 'engagement', id: engagement.id, states },
				transferOf(shared, subscription)
			);
		}
		worker.postMessage({ type: 'finish' });
		return true;
	}

	#until(ready: () => boolean): Promise<void> {
		if (ready() || !this.#worker) {
			return Promise.resolve();
		}
		return new Promise((resolve) =>
			this.#waiters.push(() => void this.#until(ready).then(resolve))
		);
	}

	#halt(): void {
		this.#halted = true;
		this.#wake();
	}

	#wake(): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		waiters.forEach((wake) => wake());
	}

	#finish(zip: Blob, files: number, fileName: string): void {
		this.#stopWorker();
		const url = URL.createObjectURL(zip);
		this.#result = { fileName, bytes: zip.size, files, url };
		this.#done = this.#total;
		this.#phase = 'done';
		(this.#deps.save ?? clickDownload)(url, fileName);
	}

	#stopWorker(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#wake();
		this.#stopListening?.();
		this.#stopListening = null;
	}

	#fail(problem: ExportProblem): void {
		this.#stopWorker();
		this.#problem = problem;
		this.#phase = 'failed';
	}
}
