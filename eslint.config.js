import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Which folder may import which (docs/architecture.md, "Folders and their imports"). Each rule
 * names the folders a layer must not reach, in both spellings: `$lib/<folder>/…` and relative
 * `../<folder>/…` (any depth). Tests (*.test.ts, *.testing.ts) may reach across layers to set up.
 * A file gets exactly one of these blocks (flat config would replace, not merge, the options).
 */
/** @param {string} folders alternatives, e.g. 'state|components' */
const lib = (folders) => `^(\\$lib/|(\\.\\./)+)(${folders})(/|$)`;
/** @param {string} folders the only folders allowed */
const outsideOf = (folders) => `^(\\$lib/(?!(${folders})(/|$))|\\.\\./(?!(${folders})/))`;
const tests = ['**/*.test.ts', '**/*.testing.ts'];
const noServer = {
	regex: `${lib('server')}|^(\\.\\./)+(server|sync-server)/`,
	message:
		'Browser code must not import server code (src/lib/server, server/, sync-server/): ask the server over HTTP (src/lib/api).'
};
/** @param {string} layer */
const noStateUp = (layer) => ({
	regex: lib('state|components'),
	message: `${layer} sits below state/: it must not import state/ or components/. Move shared types and pure helpers to domain/, or take what you need as a parameter.`
});
/**
 * @param {string[]} files
 * @param {{ regex: string, message: string, allowTypeImports?: boolean }[]} patterns
 * @param {string[]} [ignores]
 * @returns {import('eslint').Linter.Config}
 */
const layer = (files, patterns, ignores = []) => ({
	files,
	ignores: [...tests, ...ignores],
	rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
});
const layers = [
	layer(
		['src/lib/domain/**'],
		[
			{
				regex: `${outsideOf('domain')}|^(svelte|\\$app|yjs|y-[a-z-]+|dexie)(/|$)`,
				message:
					'domain/ is the bottom layer: pure TypeScript that imports only other domain/ modules (no Svelte, Yjs, Dexie or app code).'
			}
		]
	),
	layer(
		['src/lib/docs/**'],
		[
			{
				regex: `${outsideOf('domain|docs')}|^(svelte|\\$app)(/|$)`,
				message:
					'docs/ (the Yjs schemas, shared with the server) imports only domain/ and other docs/ modules, and no Svelte.'
			}
		]
	),
	layer(
		['src/lib/sync/**'],
		[
			{
				regex: outsideOf('domain|sync'),
				message:
					'sync/ (the connection to the server) imports only domain/ and other sync/ modules.'
			}
		]
	),
	layer(
		['src/lib/local/**'],
		[
			noServer,
			{
				regex: lib('state|components|calls|editor|export'),
				message:
					'local/ (on-device storage) sits below state/: it imports only docs/, sync/, domain/ and api/.'
			}
		]
	),
	layer(['src/lib/calls/**'], [noServer, noStateUp('calls/')]),
	layer(['src/lib/editor/**'], [noServer, noStateUp('editor/')]),
	layer(['src/lib/export/**'], [noServer, noStateUp('export/')]),
	layer(
		['src/lib/state/**'],
		[
			noServer,
			{
				regex: lib('components'),
				message:
					'state/ must not import components/: components read state, not the other way round.'
			}
		]
	),
	layer(
		['src/lib/components/**'],
		[
			noServer,
			{
				regex: lib('local|docs|export'),
				allowTypeImports: true,
				message:
					'Components import state/, domain/, api/ types and ui only: reach local/ (the index, the registry), docs/ and export/ through a state/ rune class.'
			},
			{
				regex: '^(\\$lib/|(\\.\\./)+)sync/(?!protocol$)',
				allowTypeImports: true,
				message:
					'Components import state/, domain/, api/ types and ui only: connection state comes through a state/ rune class (sync/protocol is allowed).'
			}
		]
	),
	layer(['src/lib/utils/**', 'src/lib/api/**'], [noServer]),
	layer(
		['src/routes/**', 'src/*.ts'],
		[noServer],
		[
			'src/routes/api/**',
			'**/+*.server.ts',
			'**/+server.ts',
			'src/hooks.server.ts',
			// App.Locals names the server's session types; a declaration, not code shipped to browsers
			'src/app.d.ts'
		]
	)
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'.e2e-data/',
			'.e2e-build-b/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			curly: ['error', 'all'],
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// Tandem is always served at the origin's root (no kit.paths.base), so plain hrefs are exact.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...layers
);
