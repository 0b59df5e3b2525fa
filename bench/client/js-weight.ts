import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { signInAsCoach } from './browser';

export interface FileSize {
	path: string;
	raw: number;
	gzip: number;
	brotli: number | null;
	/** Libraries recognised in the file by a string only they contain (minified names say nothing). */
	contains: string[];
}

const SIGNATURES: [library: string, marker: string][] = [
	['yjs', 'Yjs was already imported'],
	['dexie', 'DexieError'],
	['y-websocket', 'connection-close'],
	['svelte runtime', 'svelte.dev/e/'],
	['sveltekit client', 'sveltekit:'],
	['workbox-window', 'controllerchange']
];

export interface PageWeight {
	label: string;
	files: FileSize[];
	/** Content-Encoding Chromium actually received for the scripts (it asks for br first). */
	encodings: string[];
}

export function totals(files: readonly FileSize[]) {
	return {
		count: files.length,
		raw: files.reduce((sum, file) => sum + file.raw, 0),
		gzip: files.reduce((sum, file) => sum + file.gzip, 0),
		brotli: files.every((file) => file.brotli !== null)
			? files.reduce((sum, file) => sum + (file.brotli ?? 0), 0)
			: null
	};
}

/**
 * Sizes of one built file: raw, and as adapter-node's precompressed copies (what it sends to a
 * client that accepts gzip or br). Falls back to gzip level 9 if a copy is missing.
 */
function sizeOf(clientDir: string, urlPath: string): FileSize {
	const file = path.join(clientDir, decodeURIComponent(urlPath));
	const size = (suffix: string) => fs.statSync(file + suffix, { throwIfNoEntry: false })?.size;
	const raw = size('');
	if (raw === undefined) {
		throw new Error(`${urlPath} was loaded but is not in the build`);
	}
	const bytes = fs.readFileSync(file);
	const text = urlPath.endsWith('.js') ? bytes.toString('utf8') : '';
	return {
		path: urlPath,
		raw,
		gzip: size('.gz') ?? gzipSync(bytes, { level: 9 }).byteLength,
		brotli: size('.br') ?? null,
		contains: SIGNATURES.filter(([, marker]) => text.includes(marker)).map(([name]) => name)
	};
}

async function scriptsOnFirstVisit(context: BrowserContext, url: string, ready: string) {
	const page = await context.newPage();
	const scripts = new Map<string, string>();
	page.on('response', (response) => {
		const { pathname, origin } = new URL(response.url());
		if (origin === new URL(url).origin && pathname.endsWith('.js')) {
			scripts.set(pathname, response.headers()['content-encoding'] ?? 'identity');
		}
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.locator(ready).first().waitFor({ timeout: 15_000 });
	// Lazy chunks the page imports right after rendering count as first-load JS too.
	await page.waitForLoadState('networkidle');
	await page.close();
	return scripts;
}

/**
 * JavaScript a first visit downloads, in a fresh context with service workers blocked, so the
 * service worker's precache (everything in the build, fetched in the background) is not counted
 * here; `precacheWeight` reports that separately.
 */
export async function firstVisitWeight(options: {
	browser: Browser;
	baseURL: string;
	clientDir: string;
	target: 'login' | 'coach';
}): Promise<PageWeight> {
	const { browser, baseURL, clientDir, target } = options;
	const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
	try {
		if (target === 'coach') {
			await signInAsCoach(context);
		}
		const scripts =
			target === 'login'
				? await scriptsOnFirstVisit(context, `${baseURL}/login`, 'input[type="password"]')
				: await scriptsOnFirstVisit(context, `${baseURL}/coach`, 'a[href^="/coach/clients/"]');
		const files = [...scripts.keys()].map((urlPath) => sizeOf(clientDir, urlPath));
		return {
			label: target === 'login' ? '/login (public)' : '/coach (signed in)',
			files: files.toSorted((a, b) => b.gzip - a.gzip),
			encodings: [...new Set(scripts.values())]
		};
	} finally {
		await context.close();
	}
}

function listFiles(dir: string): string[] {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => fs.statSync(path.join(dir, name)).isFile());
}

/** Everything the service worker precaches after the first load (JS only, and all files). */
export function precacheWeight(clientDir: string) {
	const files = listFiles(clientDir)
		// The worker script itself is not in its own precache; the compressed twins are not served to it.
		.filter((name) => !/\.(gz|br)$/.test(name) && name !== 'service-worker.js')
		.map((name) => sizeOf(clientDir, `/${name}`));
	return { js: totals(files.filter((file) => file.path.endsWith('.js'))), all: totals(files) };
}
