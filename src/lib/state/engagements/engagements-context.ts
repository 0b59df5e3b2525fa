import { getContext, setContext } from 'svelte';
import type { Engagements } from './engagements.svelte';

const KEY = Symbol('tandem.engagements');

/** Provided by the signed-in layout; pages read the user's engagement list from here. */
export function setEngagements(engagements: Engagements): Engagements {
	return setContext(KEY, engagements);
}

export function useEngagements(): Engagements {
	const engagements = getContext<Engagements | undefined>(KEY);
	if (!engagements) {
		throw new Error('useEngagements() must be called inside the signed-in (app) layout.');
	}
	return engagements;
}
