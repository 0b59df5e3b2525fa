import { unzipSync, type UnzipFileInfo } from 'fflate';
import { err, ok, type Result } from '../errors';
import { parseManifest, safeZipPath, type ExportManifest } from './export-manifest';

/** Caps on what one import may unpack; an export of a large practice is a few MB. */
export interface ImportLimits {
	/** The uploaded zip itself. */
	maxZipBytes: number;
	/** The sum of every entry's uncompressed size. */
	maxTotalBytes: number;
	/** Any single entry, uncompressed. */
	maxEntryBytes: number;
	maxEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
	maxZipBytes: 50 * 1024 * 1024,
	maxTotalBytes: 200 * 1024 * 1024,
	maxEntryBytes: 50 * 1024 * 1024,
	maxEntries: 20_000
};

export interface ExportArchive {
	manifest: ExportManifest;
	/** Path → bytes, only the document files the manifest names. */
	docs: Map<string, Uint8Array>;
}

/**
 * Decides from the central directory, before anything is inflated, which entries to unpack:
 * only manifest.json and .yjs files (the Markdown, JSON and CSV copies are for people), and
 * only within the size caps. fflate inflates into a buffer of the declared size, so a lying
 * "originalSize" cannot make it allocate more than we allowed here.
 */
function entryFilter(limits: ImportLimits, problems: string[]) {
	let entries = 0;
	let total = 0;
	return (file: UnzipFileInfo): boolean => {
		entries += 1;
		if (!safeZipPath(file.name) && !file.name.endsWith('/')) {
			problems.push(`The zip contains an unsafe path: ${JSON.stringify(file.name.slice(0, 80))}.`);
			return false;
		}
		const wanted = file.name === 'manifest.json' || file.name.endsWith('.yjs');
		if (!wanted) {
			return false;
		}
		total += file.originalSize;
		if (
			entries > limits.maxEntries ||
			file.originalSize > limits.maxEntryBytes ||
			total > limits.maxTotalBytes
		) {
			problems.push('The export is larger than this server accepts for an import.');
			return false;
		}
		return true;
	};
}

function unpack(zip: Uint8Array, limits: ImportLimits): Result<Record<string, Uint8Array>> {
	const problems: string[] = [];
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(zip, { filter: entryFilter(limits, problems) });
	} catch {
		return err('invalid-input', 'This file is not a readable zip archive.');
	}
	if (problems[0]) {
		return err(
			problems[0].startsWith('The export is larger') ? 'payload-too-large' : 'invalid-input',
			problems[0]
		);
	}
	return ok(files);
}

function readManifest(files: Record<string, Uint8Array>): Result<ExportManifest> {
	const bytes = files['manifest.json'];
	if (!bytes) {
		return err('invalid-input', 'This zip has no manifest.json; is it a Tandem export?');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return err('invalid-input', 'manifest.json is not valid JSON.');
	}
	return parseManifest(parsed);
}

/** Every document path the manifest names, each of which must be in the zip. */
function docPaths(manifest: ExportManifest): string[] {
	const paths = manifest.engagements.flatMap((e) => [e.docs.shared, e.docs.subscription]);
	return manifest.coachDoc ? [manifest.coachDoc, ...paths] : paths;
}

/** Unpacks and validates an uploaded export: the manifest, and every document it names. */
export function readExportZip(
	zip: Uint8Array,
	limits: ImportLimits = DEFAULT_IMPORT_LIMITS
): Result<ExportArchive> {
	if (zip.byteLength > limits.maxZipBytes) {
		return err('payload-too-large', `The export is larger than ${limits.maxZipBytes} bytes.`);
	}
	const files = unpack(zip, limits);
	if (!files.ok) {
		return files;
	}
	const manifest = readManifest(files.value);
	if (!manifest.ok) {
		return manifest;
	}
	const docs = new Map<string, Uint8Array>();
	for (const path of docPaths(manifest.value)) {
		const bytes = files.value[path];
		if (!bytes) {
			return err('invalid-input', `manifest.json names ${path}, but the zip does not contain it.`);
		}
		docs.set(path, bytes);
	}
	return ok({ manifest: manifest.value, docs });
}
