import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import * as sub from '../docs/subscription-doc';
import type { SessionPackage, SessionUsage } from '../domain/sessions';

/**
 * The UI's read-only view of one `sub:` document: the package and how much of it is used.
 * Clients only ever read this document (the sync server refuses their writes), so no verbs.
 *
 * ```ts
 * const view = new SubscriptionView(handle.doc);
 * view.package?.name; view.usage.remaining; // reactive in templates and $derived
 * ```
 */
export class SubscriptionView {
	#doc: Y.Doc;
	#subscribe: () => void;
	#version = 0;
	#cached: { version: number; pkg: SessionPackage | null; usage: SessionUsage } | null = null;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) =>
			sub.onChange(doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	get package(): SessionPackage | null {
		return this.#read().pkg;
	}

	get usage(): SessionUsage {
		return this.#read().usage;
	}

	// Package and ledger are read together once per document change, not once per getter call.
	#read(): { pkg: SessionPackage | null; usage: SessionUsage } {
		this.#subscribe();
		if (this.#cached?.version !== this.#version) {
			const pkg = sub.readPackage(this.#doc);
			const usage = sub.usage(this.#doc);
			this.#cached = { version: this.#version, pkg, usage };
		}
		return this.#cached;
	}
}
