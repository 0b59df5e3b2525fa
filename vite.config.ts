import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In dev, mount the server's services and websocket endpoints on Vite's HTTP server. */
function tandemDevServer(): Plugin {
	return {
		name: 'tandem-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (process.env.VITEST) {
				return;
			}
			// Loaded through Vite so the config file itself stays free of server imports.
			const mod = await server.ssrLoadModule('/server/dev-services.ts');
			await (mod as typeof import('./server/dev-services')).attachDevServices(server);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), tandemDevServer()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: [
						'src/**/*.test.ts',
						'sync-server/**/*.test.ts',
						'server/**/*.test.ts',
						'tests/unit/**/*.test.ts'
					],
					exclude: ['src/**/*.svelte.test.ts', 'node_modules/**']
				}
			},
			{
				// Rune classes: Svelte's browser build, where $effect and createSubscriber run.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'unit-runes',
					environment: './tests/helpers/rune-environment.ts',
					include: ['src/**/*.svelte.test.ts'],
					// Inlined, so Vite resolves svelte with the browser condition instead of Node.
					server: { deps: { inline: ['svelte'] } }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
