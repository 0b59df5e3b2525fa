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
		serviceWorker: { register: false }
	}
};

export default config;
