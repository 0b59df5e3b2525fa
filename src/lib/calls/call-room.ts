import type { DocRegistry } from '../local/doc-registry';
import type { EngagementSummary } from '../api/engagements';
import { SubscriptionView } from '../state/subscription-view.svelte';
import { CallPresence } from './call-presence';

/** What a call screen holds open: the shared document's awareness, for call state. */
export interface CallRoom {
	readonly presence: CallPresence;
	release(): void;
}

/**
 * Opens an engagement's documents for a call screen: the `eng:` document carries call state in
 * its awareness, the `sub:` document the package's session length (handed to `onPackage` once
 * its local copy is loaded). Call from an `$effect` and return `release` as its teardown.
 *
 *     $effect(() => {
 *       const room = openCallRoom({ registry, engagement, onSubscription: (v) => (sub = v) });
 *       return room.release;
 *     });
 */
export function openCallRoom(options: {
	registry: DocRegistry;
	engagement: EngagementSummary;
	onSubscription: (view: SubscriptionView) => void;
}): CallRoom {
	const { registry, engagement } = options;
	const shared = registry.open(engagement.docs.shared);
	const sub = registry.open(engagement.docs.subscription);
	let active = true;
	void sub.whenLoaded.then(() => {
		if (active) {
			options.onSubscription(new SubscriptionView(sub.doc));
		}
	});
	return {
		presence: new CallPresence(shared.awareness),
		release() {
			active = false;
			sub.release();
			shared.release();
		}
	};
}
