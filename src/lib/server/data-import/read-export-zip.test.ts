import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deflatedZeros, rawZip, storedEntry } from '../../../../tests/helpers/zip-bomb';
import { parseManifest, safeZipPath } from './export-manifest';
import { DEFAULT_IMPORT_LIMITS, readExportZip } from './read-export-zip';

function docState(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

function manifest(overrides: Record<string, unknown> = {}) {
	return {
		format: 'tandem-export',
		version: 1,
		exportedAt: '2026-11-22T04:00:00.000Z',
		user: { id: 'u1', name: 'Cora', email: 'cora@example.com', role: 'coach' },
		coachDoc: 'coach.yjs',
		engagements: [
			{
				id: 'e1',
				folder: 'ada-e1',
				status: 'active',
				coach: { id: 'u1', name: 'Cora' },
				client: { id: 'c1', name: 'Ada', email: 'Ada@Example.com' },
				docs: { shared: 'clients/ada-e1/eng.yjs', subscription: 'clients/ada-e1/sub.yjs' }
			}
		],
		files: [],
		...overrides
	};
}

function zipOf(files: Zippable): Uint8Array {
	return zipSync(files);
}

const validFiles = (m: unknown = manifest()): Zippable => ({
	'manifest.json': strToU8(JSON.stringify(m)),
	'coach.yjs': docState('coach'),
	'clients/ada-e1/eng.yjs': docState('eng'),
	'clients/ada-e1/sub.yjs': docState('sub'),
	'clients/ada-e1/chat.md': strToU8('# Chat')
});

describe('parseManifest', () => {
	it('accepts a version 1 coach manifest and normalises client emails', () => {
		const parsed = parseManifest(manifest());
		expect(parsed.ok && parsed.value.engagements[0]!.client.email).toBe('ada@example.com');
	});

	it.each([
		['another format', { format: 'something-else' }, /not a Tandem export/],
		['a newer version', { version: 3 }, /version 3; this server reads versions 1 and 2/],
		['a coachDoc elsewhere', { coachDoc: '../coach.yjs' }, /"coachDoc" must be/],
		['no user', { user: null }, /"user" is missing/],
		['engagements not a list', { engagements: {} }, /"engagements" must be a list/]
	])('refuses %s', (_label, overrides, message) => {
		const parsed = parseManifest(manifest(overrides));
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.error.message).toMatch(message);
	});

	it.each([
		'clients/../../etc/eng.yjs',
		'/clients/a/eng.yjs',
		'clients/a/notes.md',
		'clients\\a\\eng.yjs',
		'clients/a/sub.yjs'
	])('refuses a shared document path %s', (shared) => {
		const bad = manifest();
		bad.engagements[0]!.docs.shared = shared;
		expect(parseManifest(bad).ok).toBe(false);
	});

	it('refuses duplicate engagement ids and missing client emails', () => {
		const twice = manifest();
		twice.engagements.push({ ...twice.engagements[0]! });
		expect(parseManifest(twice).ok).toBe(false);
		const noEmail = manifest();
		noEmail.engagements[0]!.client.email = '';
		expect(parseManifest(noEmail).ok).toBe(false);
	});

	it('knows safe zip paths from unsafe ones', () => {
		expect(safeZipPath('clients/ada/eng.yjs')).toBe(true);
		for (const bad of ['', '../x', 'a/../b', 'a//b', '/abs', 'a\\b', 'a/\u0000b', './a']) {
			expect(safeZipPath(bad)).toBe(false);
		}
	});
});

describe('readExportZip', () => {
	it('unpacks the manifest and exactly the documents it names', async () => {
		const read = await readExportZip(zipOf(validFiles()));
		expect(read.ok).toBe(true);
		if (read.ok) {
			expect([...read.value.docs.keys()].sort()).toEqual([
				'clients/ada-e1/eng.yjs',
				'clients/ada-e1/sub.yjs',
				'coach.yjs'
			]);
		}
	});

	it('says which named document is missing', async () => {
		const files = validFiles();
		delete files['clients/ada-e1/sub.yjs'];
		const read = await readExportZip(zipOf(files));
		expect(!read.ok && read.error.message).toBe(
			'manifest.json names clients/ada-e1/sub.yjs, but the zip does not contain it.'
		);
	});

	it('refuses something that is not a zip, or a zip without a manifest', async () => {
		const notZip = await readExportZip(strToU8('hello, definitely not a zip archive'));
		expect(!notZip.ok && notZip.error.message).toMatch(/not a readable zip/);
		const noManifest = await readExportZip(zipOf({ 'coach.yjs': docState('x') }));
		expect(!noManifest.ok && noManifest.error.message).toMatch(/no manifest.json/);
	});

	it('refuses an entry with a path that climbs out', async () => {
		const read = await readExportZip(zipOf({ ...validFiles(), '../evil.yjs': docState('x') }));
		expect(!read.ok && read.error.message).toMatch(/unsafe path/);
	});

	it('enforces the size caps before inflating', async () => {
		const files = validFiles();
		const big = new Uint8Array(4096); // compresses to almost nothing: a tiny zip bomb
		const read = await readExportZip(zipOf({ ...files, 'clients/ada-e1/big.yjs': big }), {
			...DEFAULT_IMPORT_LIMITS,
			maxEntryBytes: 1024
		});
		expect(!read.ok && read.error.code).toBe('payload-too-large');
		const whole = await readExportZip(zipOf(files), { ...DEFAULT_IMPORT_LIMITS, maxZipBytes: 10 });
		expect(!whole.ok && whole.error.code).toBe('payload-too-large');
	});

	it('stops an entry that inflates past the size its header declares', async () => {
		const bomb = deflatedZeros(64 * 1024 * 1024);
		const zip = rawZip([
			storedEntry('manifest.json', strToU8(JSON.stringify(manifest()))),
			{ name: 'clients/ada-e1/eng.yjs', data: bomb, method: 8, claimedSize: 1024 }
		]);
		const read = await readExportZip(zip);
		expect(!read.ok && read.error).toEqual({
			code: 'invalid-input',
			message:
				'clients/ada-e1/eng.yjs inflates to more than the 1024 bytes its header declares; the zip is damaged or was made to mislead.'
		});
	});

	it('counts what entries produce against the caps, whatever they declare', async () => {
		const zeros = deflatedZeros(8 * 1024 * 1024);
		const zip = rawZip([
			storedEntry('manifest.json', strToU8(JSON.stringify(manifest()))),
			{ name: 'clients/ada-e1/eng.yjs', data: zeros, method: 8, claimedSize: 8 * 1024 * 1024 },
			{ name: 'clients/ada-e1/sub.yjs', data: zeros, method: 8, claimedSize: 8 * 1024 * 1024 }
		]);
		const limits = { ...DEFAULT_IMPORT_LIMITS, maxTotalBytes: 12 * 1024 * 1024 };
		const read = await readExportZip(zip, limits);
		expect(!read.ok && read.error.code).toBe('payload-too-large');
	});

	it('names a document that is not a Yjs update', async () => {
		const read = await readExportZip(
			zipOf({ ...validFiles(), 'clients/ada-e1/eng.yjs': strToU8('plain text, not Yjs') })
		);
		expect(!read.ok && read.error.message).toBe(
			'clients/ada-e1/eng.yjs is not a valid Yjs document state.'
		);
	});
});
