import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import * as sub from '../docs/subscription-doc';
import type { SessionPackage, SessionUsage } from '../domain/sessions';
import type { DocHandle, DocRegistry } from '../local/doc-registry';

/** Reactive reads of one `sub:` document: the assigned package and how it is used. */
export class SubscriptionSummary {
	readonly #doc: Y.Doc;
	readonly #subscribe: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => sub.onChange(doc, update));
	}

	get package(): SessionPackage | null {
		this.#subscribe();
		return sub.readPackage(this.#doc);
	}

	get usage(): SessionUsage {
		this.#subscribe();
		return sub.usage(this.#doc);
	}
}

/**
 * A `sub:` document opened only once its row scrolls into view, so a coach with many clients
 * does not open (and sync) every ledger just to show a list. Use as an attachment:
 *
 *     const lazy = new LazySubscription(registry, engagement.docs.subscription);
 *     <li {@attach lazy.observe}> … {lazy.summary?.usage.completed ?? '—'}
 */
export class LazySubscription {
	readonly #registry: DocRegistry;
	readonly #docName: string;
	#summary = $state<SubscriptionSummary | null>(null);

	constructor(registry: DocRegistry, docName: string) {
		this.#registry = registry;
		this.#docName = docName;
	}

	/** Null until the row was seen and the local copy loaded. */
	get summary(): SubscriptionSummary | null {
		return this.#summary;
	}

	observe = (element: Element): (() => void) => {
		let handle: DocHandle | null = null;
		const open = () => {
			handle = this.#registry.open(this.#docName);
			const opened = handle;
			void opened.whenLoaded.then(() => {
				if (handle === opened) {
					this.#summary = new SubscriptionSummary(opened.doc);
				}
			});
		};
		const observer = new IntersectionObserver((entries) => {
			if (!handle && entries.some((entry) => entry.isIntersecting)) {
				observer.disconnect();
				open();
			}
		});
		observer.observe(element);
		return () => {
			observer.disconnect();
			handle?.release();
			handle = null;
			this.#summary = null;
		};
	};
}
