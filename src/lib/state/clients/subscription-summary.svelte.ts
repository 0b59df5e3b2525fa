import type { DocRegistry } from '../../local/doc-registry';
import type { DocView } from '../../local/doc-view.svelte';
import { SubscriptionView } from '../sessions/subscription-view.svelte';

/**
 * A `sub:` document opened only once its row scrolls into view, so a coach with many clients
 * does not open (and sync) every ledger just to show a list. Opening it feeds the device's
 * index, which the row's metrics read. Use as an attachment:
 *
 *     const lazy = new LazySubscription(registry, engagement.docs.subscription);
 *     <li {@attach lazy.observe}> …
 */
export class LazySubscription {
	readonly #registry: Pick<DocRegistry, 'view'>;
	readonly #docName: string;

	constructor(registry: Pick<DocRegistry, 'view'>, docName: string) {
		this.#registry = registry;
		this.#docName = docName;
	}

	observe = (element: Element): (() => void) => {
		let view: DocView<SubscriptionView> | null = null;
		const observer = new IntersectionObserver((entries) => {
			if (!view && entries.some((entry) => entry.isIntersecting)) {
				observer.disconnect();
				view = this.#registry.view(this.#docName, (doc) => new SubscriptionView(doc));
			}
		});
		observer.observe(element);
		return () => {
			observer.disconnect();
			view?.close();
			view = null;
		};
	};
}
