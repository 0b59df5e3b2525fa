// @ts-check
// Streams the entries of an uploaded zip out of it, counting the bytes each one actually
// produces. A zip's sizes are claims: an entry that declares 1 KiB may inflate to 1 GiB of
// zeros, so the caps are checked against what comes out, a slice at a time, never against what
// the headers say. Plain JavaScript: it runs in the import worker thread.
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { safeZipPath } from './zip-path.js';

/**
 * @typedef {{ maxZipBytes: number; maxTotalBytes: number; maxEntryBytes: number; maxEntries: number }} ImportLimits
 * @typedef {{ code: 'invalid-input' | 'payload-too-large'; message: string }} UnzipProblem
 */

// Compressed bytes fed to the inflater per step. DEFLATE expands at most about 1032:1, so one
// step produces at most ~4 MiB before the running total is checked again.
const STEP_BYTES = 4096;

/** @param {Uint8Array[]} chunks @param {number} length */
function concat(chunks, length) {
	if (chunks.length === 1) {
		return /** @type {Uint8Array} */ (chunks[0]);
	}
	const out = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

const TOO_LARGE = 'The export is larger than this server accepts for an import.';

/**
 * Inflates the entries `wanted` names, within `limits`. Returns the files, or the first problem:
 * an unsafe path, an entry producing more than its header declared, or a cap exceeded.
 *
 *     const read = unzipCapped(zip, limits, (name) => name.endsWith('.yjs'));
 *     if ('problem' in read) return read.problem;
 *
 * @param {Uint8Array} zip
 * @param {ImportLimits} limits
 * @param {(name: string) => boolean} wanted
 * @returns {{ files: Map<string, Uint8Array> } | { problem: UnzipProblem }}
 */
export function unzipCapped(zip, limits, wanted) {
	/** @type {Map<string, Uint8Array>} */
	const files = new Map();
	/** @type {UnzipProblem | null} */
	let problem = null;
	let entries = 0;
	let total = 0;
	/** @param {UnzipProblem['code']} code @param {string} message */
	const fail = (code, message) => {
		problem ??= { code, message };
	};
	const unzip = new Unzip((file) => {
		entries += 1;
		if (problem) {
			return;
		}
		if (entries > limits.maxEntries) {
			return fail('payload-too-large', TOO_LARGE);
		}
		if (!safeZipPath(file.name) && !file.name.endsWith('/')) {
			const name = JSON.stringify(file.name.slice(0, 80));
			return fail('invalid-input', `The zip contains an unsafe path: ${name}.`);
		}
		if (!wanted(file.name)) {
			return;
		}
		if (files.has(file.name)) {
			return fail('invalid-input', `The zip contains ${file.name} twice.`);
		}
		// Undefined when the sizes follow the data (a data descriptor): then only the caps apply.
		const declared = file.originalSize;
		if (declared !== undefined && declared > limits.maxEntryBytes) {
			return fail('payload-too-large', TOO_LARGE);
		}
		/** @type {Uint8Array[]} */
		const chunks = [];
		let produced = 0;
		file.ondata = (error, chunk, final) => {
			if (problem) {
				return;
			}
			if (error) {
				return fail('invalid-input', `${file.name} in the zip cannot be read.`);
			}
			produced += chunk.length;
			total += chunk.length;
			if (declared !== undefined && produced > declared) {
				file.terminate();
				return fail(
					'invalid-input',
					`${file.name} inflates to more than the ${declared} bytes its header declares; the zip is damaged or was made to mislead.`
				);
			}
			if (produced > limits.maxEntryBytes || total > limits.maxTotalBytes) {
				file.terminate();
				return fail('payload-too-large', TOO_LARGE);
			}
			chunks.push(chunk);
			if (final) {
				files.set(file.name, concat(chunks, produced));
			}
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);
	try {
		for (let offset = 0; offset < zip.length && !problem; offset += STEP_BYTES) {
			unzip.push(zip.subarray(offset, offset + STEP_BYTES), offset + STEP_BYTES >= zip.length);
		}
	} catch {
		fail('invalid-input', 'This file is not a readable zip archive.');
	}
	if (!problem && entries === 0) {
		fail('invalid-input', 'This file is not a readable zip archive.');
	}
	return problem ? { problem } : { files };
}
