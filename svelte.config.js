import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// BUILD_DIR lets a test build a second version beside the first (the update-prompt test).
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build', precompress: true }),
		// Kit's own check covers form posts only; hooks.server.ts checks Origin on every
		// mutating request (JSON API included) and answers with the API's error shape.
		csrf: { trustedOrigins: ['*'] },
		// Absolute asset URLs: the service worker serves one cached app shell for every route, and
		// relative ones would resolve against the route's folder (/coach/clients/_app/…).
		paths: { relative: false },
		// Registration goes through workbox-window (issue 4), not Kit's built-in call.
		serviceWorker: { register: false },
		// Issue 15: Kit adds a nonce (rendered pages) or hashes (prerendered) for its own inline
		// scripts; everything else must come from this origin. Styles allow inline because Svelte
		// sets style attributes and transitions insert <style>; scripts never do. Images allow data:
		// and blob: for profile photos; connect-src 'self' covers the same-origin /sync and /peerjs
		// websockets. The other headers (nosniff, HSTS, …) are set in server/app.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
