/**
 * The vitest environment of the `unit-runes` project (`*.svelte.test.ts`): Node globals, but
 * modules go through Vite's client pipeline, so rune classes compile for the browser and
 * `$effect`/`createSubscriber` actually run (in the server build they are no-ops).
 */
import type { Environment } from 'vitest/environments';

export default {
	name: 'rune-client',
	viteEnvironment: 'client',
	setup: () => ({ teardown: () => undefined })
} satisfies Environment;
