// @ts-check
// The import's worker thread: everything about an uploaded export that takes time in proportion
// to its size runs here, off the event loop that serves every request and socket: inflating the
// zip (capped on bytes produced), parsing manifest.json, checking each document is a Yjs update
// and cutting it into slices small enough to apply on the main thread in a few milliseconds.
// One thread per import, ended after its reply. Plain JavaScript: see zip-path.js.
import { parentPort } from 'node:worker_threads';
import { moveRootMapEntries } from './archive-map.js';
import { splitUpdate } from './split-update.js';
import { unzipCapped } from './unzip-capped.js';

/**
 * @typedef {import('./unzip-capped.js').ImportLimits} ImportLimits
 * @typedef {{ suffix: string; from: string; to: string }} ArchiveRule documents whose path ends
 *   with `suffix` get their root map `from` moved into `to` (see archive-map.js)
 * @typedef {{ zip: Uint8Array; limits: ImportLimits; maxManifestBytes: number; sliceWeight: number; archive: ArchiveRule[] }} UnpackRequest
 * @typedef {{ ok: true; manifest: unknown; docs: [string, Uint8Array[]][] }
 *   | { ok: false; code: 'invalid-input' | 'payload-too-large'; message: string }} UnpackReply
 */

/** @param {UnpackRequest} request @returns {UnpackReply} */
function unpack({ zip, limits, maxManifestBytes, sliceWeight, archive }) {
	const read = unzipCapped(
		zip,
		limits,
		(name) => name === 'manifest.json' || name.endsWith('.yjs')
	);
	if ('problem' in read) {
		return { ok: false, ...read.problem };
	}
	const manifestBytes = read.files.get('manifest.json');
	if (!manifestBytes) {
		return {
			ok: false,
			code: 'invalid-input',
			message: 'This zip has no manifest.json; is it a Tandem export?'
		};
	}
	if (manifestBytes.length > maxManifestBytes) {
		return { ok: false, code: 'payload-too-large', message: 'manifest.json is too large.' };
	}
	/** @type {Record<string, unknown>} */
	let manifest;
	try {
		manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
	} catch {
		return { ok: false, code: 'invalid-input', message: 'manifest.json is not valid JSON.' };
	}
	// The file list is informational, and can be the largest part: not worth copying back.
	if (manifest && typeof manifest === 'object' && !Array.isArray(manifest)) {
		delete manifest.files;
	}
	/** @type {[string, Uint8Array[]][]} */
	const docs = [];
	for (const [path, bytes] of read.files) {
		if (path === 'manifest.json') {
			continue;
		}
		try {
			const slices = splitUpdate(bytes, sliceWeight);
			for (const rule of archive.filter((r) => path.endsWith(r.suffix))) {
				const moved = moveRootMapEntries(bytes, rule.from, rule.to);
				if (moved) {
					slices.push(moved);
				}
			}
			docs.push([path, slices]);
		} catch {
			return {
				ok: false,
				code: 'invalid-input',
				message: `${path} is not a valid Yjs document state.`
			};
		}
	}
	return { ok: true, manifest, docs };
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.once('message', (/** @type {UnpackRequest} */ request) => {
	const reply = unpack(request);
	const buffers = reply.ok ? reply.docs.flatMap(([, slices]) => slices.map((s) => s.buffer)) : [];
	// Moved, not copied; a Set since listing one buffer twice is an error.
	port.postMessage(reply, /** @type {ArrayBuffer[]} */ ([...new Set(buffers)]));
});
