import { Worker } from 'node:worker_threads';
import { IMPORT_ARCHIVE } from '../../docs/subscription-bookings';
import { err, ok, type Result } from '../errors';
import type { ImportLimits } from './read-export-zip';

/** What the worker thread made of a zip: the parsed manifest and each document's slices. */
export interface Unpacked {
	/** manifest.json, parsed but not yet validated (parseManifest does that). */
	manifest: unknown;
	/** Path → the document's state as slices to apply in order (see split-update.js). */
	docs: Map<string, Uint8Array[]>;
}

type Reply =
	| { ok: true; manifest: unknown; docs: [string, Uint8Array[]][] }
	| { ok: false; code: 'invalid-input' | 'payload-too-large'; message: string };

// manifest.json of 1,000 engagements and 20,000 listed files is about 2 MB.
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
// Structs per slice: one slice applies in a few milliseconds on a loaded machine.
export const SLICE_WEIGHT = 2000;
// Headroom over the caps (a document's bytes, its Y.Doc and its slices live at once).
const THREAD_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 16 };
// A worker still busy after this is stuck on something crafted; the upload is refused.
const TIMEOUT_MS = 120_000;
// Unpacking costs a core: at most this many at once, the rest wait their turn.
const MAX_THREADS = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
	if (running >= MAX_THREADS) {
		await new Promise<void>((resolve) => waiting.push(resolve));
	}
	running += 1;
	return () => {
		running -= 1;
		waiting.shift()?.();
	};
}

function runWorker(zip: Uint8Array, limits: ImportLimits): Promise<Result<Unpacked>> {
	const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
		resourceLimits: THREAD_LIMITS
	});
	return new Promise<Result<Unpacked>>((resolve) => {
		const timer = setTimeout(() => {
			resolve(err('payload-too-large', 'The export took too long to read; it is too large.'));
		}, TIMEOUT_MS);
		worker.once('message', (reply: Reply) => {
			clearTimeout(timer);
			resolve(
				reply.ok
					? ok({ manifest: reply.manifest, docs: new Map(reply.docs) })
					: err(reply.code, reply.message)
			);
		});
		worker.once('error', (error: Error & { code?: string }) => {
			clearTimeout(timer);
			// Out of memory in the thread: something inflated far beyond a real export.
			resolve(
				error.code === 'ERR_WORKER_OUT_OF_MEMORY'
					? err('payload-too-large', 'The export is larger than this server accepts for an import.')
					: err('invalid-input', 'This file could not be read as an export.')
			);
		});
		// Copied, not moved: the caller keeps its bytes (a copy of the 50 MB cap is a few ms).
		worker.postMessage({
			zip,
			limits,
			maxManifestBytes: MAX_MANIFEST_BYTES,
			sliceWeight: SLICE_WEIGHT,
			// sub.yjs bookings become history (subscription-bookings.ts, IMPORT_ARCHIVE).
			archive: [{ suffix: '/sub.yjs', ...IMPORT_ARCHIVE }]
		});
	}).finally(() => void worker.terminate());
}

/**
 * Unzips and checks an uploaded export in a worker thread, so that no part of it (a zip bomb,
 * a huge document) holds up the event loop; see import-worker.js.
 */
export async function unpackInThread(
	zip: Uint8Array,
	limits: ImportLimits
): Promise<Result<Unpacked>> {
	const release = await slot();
	try {
		return await runWorker(zip, limits);
	} finally {
		release();
	}
}
