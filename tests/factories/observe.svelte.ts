import { flushSync } from 'svelte';

/**
 * Reads `read()` inside an effect, as a component would, and records every value it sees: the
 * way rune-class tests check that state is reactive, not only correct when read once.
 */
export function observe<T>(read: () => T): { values: T[]; stop: () => void } {
	const values: T[] = [];
	const stop = $effect.root(() => {
		$effect(() => {
			values.push(read());
		});
	});
	flushSync();
	return { values, stop };
}
