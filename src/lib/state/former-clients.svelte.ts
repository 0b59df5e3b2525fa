import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import * as coachDoc from '../docs/coach-doc';
import type { DocRegistry } from '../local/doc-registry';
import type { EngagementSummary } from '../api/engagements';
import { coachDocName } from '../sync/protocol';
import { useEngagements } from './engagements-context';
import { formerClientsFrom, knownEngagements, type FormerClient } from './former-clients-list';
import { useWorkspace } from './workspace-context';

/**
 * The coach's former clients, read from the coach's own document (`coach:<userId>`) and the
 * engagement list saved on this device: no server call, so it works offline.
 *
 *     const former = new FormerClients({ doc, engagements: () => knownEngagements(list) });
 *     former.count; // reactive
 */
export class FormerClients {
	#doc: Y.Doc;
	#engagements: () => readonly EngagementSummary[] | null;
	#subscribe: () => void;
	// Not reactive on purpose (see NotesView): reactivity comes from #subscribe.
	#version = 0;
	#cached: {
		version: number;
		engagements: readonly EngagementSummary[];
		clients: readonly FormerClient[];
	} | null = null;

	/**
	 * `engagements` returns null while the list is not known yet: until then nobody counts as
	 * former, or every current client would flash by as a "Deleted client".
	 */
	constructor(options: { doc: Y.Doc; engagements: () => readonly EngagementSummary[] | null }) {
		this.#doc = options.doc;
		this.#engagements = options.engagements;
		this.#subscribe = createSubscriber((update) =>
			coachDoc.onChange(options.doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	/** Newest note first. */
	get all(): readonly FormerClient[] {
		const engagements = this.#engagements();
		if (engagements === null) {
			return [];
		}
		// Outside a reactive context nothing listens to the document, so a memo could be stale.
		if (!$effect.tracking()) {
			return formerClientsFrom(coachDoc.listAllPrivateNotes(this.#doc), engagements);
		}
		this.#subscribe();
		const cached = this.#cached;
		if (cached?.version === this.#version && cached.engagements === engagements) {
			return cached.clients;
		}
		const clients = formerClientsFrom(coachDoc.listAllPrivateNotes(this.#doc), engagements);
		this.#cached = { version: this.#version, engagements, clients };
		return clients;
	}

	get count(): number {
		return this.all.length;
	}

	byId(engagementId: string): FormerClient | null {
		return this.all.find((client) => client.engagementId === engagementId) ?? null;
	}
}

/**
 * Opens the coach's document from the registry and, once its local copy is loaded, hands a
 * FormerClients to `ready`. Returns the teardown; call it from an `$effect` (like
 * openNotesSession) so the document is held exactly as long as the view that shows it.
 */
export function openFormerClients(options: {
	registry: Pick<DocRegistry, 'open'>;
	userId: string;
	engagements: () => readonly EngagementSummary[] | null;
	ready: (former: FormerClients | null) => void;
}): () => void {
	const handle = options.registry.open(coachDocName(options.userId));
	let active = true;
	void handle.whenLoaded.then(() => {
		if (active) {
			options.ready(new FormerClients({ doc: handle.doc, engagements: options.engagements }));
		}
	});
	return () => {
		active = false;
		options.ready(null);
		handle.release();
	};
}

/**
 * For a component: the coach's former clients while it is mounted, null until the device's copy
 * of `coach:` has loaded. Call during component initialisation (it registers an effect).
 */
export function trackFormerClients(options: {
	registry: Pick<DocRegistry, 'open'>;
	userId: string;
	engagements: () => readonly EngagementSummary[] | null;
}): { readonly current: FormerClients | null } {
	let current = $state.raw<FormerClients | null>(null);
	$effect(() => openFormerClients({ ...options, ready: (former) => (current = former) }));
	return {
		get current() {
			return current;
		}
	};
}

/** trackFormerClients wired to the signed-in layout's registry and engagement list. */
export function useFormerClients(userId: string): { readonly current: FormerClients | null } {
	const engagements = useEngagements();
	return trackFormerClients({
		registry: useWorkspace().registry,
		userId,
		engagements: () => knownEngagements(engagements)
	});
}
