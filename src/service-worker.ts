/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

/**
 * Offline shell for Tandem. Built assets and static files are precached per version; pages are
 * network-first and fall back to their last copy, else to the app shell (`/shell`), which the
 * client router turns into whatever route the address bar asks for. The API, the sync socket and
 * call signaling are never cached: their answers must be live or fail visibly.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS_CACHE = `assets-${version}`;
const PAGES_CACHE = `pages-${version}`;
const SHELL_URL = '/shell';
const ASSETS = new Set([...build, ...files]);
const NEVER_CACHED = ['/api/', '/sync/', '/peerjs', '/healthz'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const assets = await caches.open(ASSETS_CACHE);
			await assets.addAll([...ASSETS]);
			const pages = await caches.open(PAGES_CACHE);
			await pages.add(SHELL_URL);
		})()
	);
	// No skipWaiting here: an update waits until the user accepts the "new version" prompt.
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== ASSETS_CACHE && key !== PAGES_CACHE) {
					await caches.delete(key);
				}
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') {
		void sw.skipWaiting();
	}
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) {
		return;
	}
	if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) {
		return;
	}
	if (ASSETS.has(url.pathname)) {
		event.respondWith(cacheFirst(request));
	} else if (request.mode === 'navigate') {
		event.respondWith(pageNetworkFirst(request));
	}
});

async function cacheFirst(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: ASSETS_CACHE });
	return cached ?? fetch(request);
}

async function pageNetworkFirst(request: Request): Promise<Response> {
	const pages = await caches.open(PAGES_CACHE);
	try {
		const response = await fetch(request);
		// Only complete pages are kept; redirects (e.g. to sign-in) and errors are not.
		if (response.status === 200 && response.type === 'basic') {
			await pages.put(request, response.clone());
		}
		return response;
	} catch {
		const cached = (await pages.match(request)) ?? (await pages.match(SHELL_URL));
		return cached ?? Response.error();
	}
}
