import { err, ok, type Result } from '../errors';
import { parseManifest, type ExportManifest } from './export-manifest';
import { unpackInThread, type Unpacked } from './import-thread';

/** Caps on what one import may unpack; an export of a large practice is a few MB. */
export interface ImportLimits {
	/** The uploaded zip itself. */
	maxZipBytes: number;
	/** The sum of every unpacked entry's size, counted as it inflates. */
	maxTotalBytes: number;
	/** Any single unpacked entry, counted as it inflates. */
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
	/** Path → the document's state in slices to apply in order; only the documents named. */
	docs: Map<string, Uint8Array[]>;
}

/** Every document path the manifest names, each of which must be in the zip. */
function docPaths(manifest: ExportManifest): string[] {
	const paths = manifest.engagements.flatMap((e) => [e.docs.shared, e.docs.subscription]);
	return manifest.coachDoc ? [manifest.coachDoc, ...paths] : paths;
}

/**
 * Unpacks and validates an uploaded export: the manifest, and every document it names. The
 * unpacking runs in a worker thread (import-worker.js); `unpack` is replaceable for tests.
 */
export async function readExportZip(
	zip: Uint8Array,
	limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
	unpack: (zip: Uint8Array, limits: ImportLimits) => Promise<Result<Unpacked>> = unpackInThread
): Promise<Result<ExportArchive>> {
	if (zip.byteLength > limits.maxZipBytes) {
		return err('payload-too-large', `The export is larger than ${limits.maxZipBytes} bytes.`);
	}
	const unpacked = await unpack(zip, limits);
	if (!unpacked.ok) {
		return unpacked;
	}
	const manifest = parseManifest(unpacked.value.manifest);
	if (!manifest.ok) {
		return manifest;
	}
	const docs = new Map<string, Uint8Array[]>();
	for (const path of docPaths(manifest.value)) {
		const slices = unpacked.value.docs.get(path);
		if (!slices) {
			return err('invalid-input', `manifest.json names ${path}, but the zip does not contain it.`);
		}
		docs.set(path, slices);
	}
	return ok({ manifest: manifest.value, docs });
}
