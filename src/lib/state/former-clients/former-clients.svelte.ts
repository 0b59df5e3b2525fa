import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import * as coachDoc from '../../docs/coach-doc';
import type { EngagementSummary } from '../../api/engagements';
import { coachDocName } from '../../sync/protocol';
import { useEngagements } from '../engagements/engagements-context';
import { formerClientsFrom, knownEngagements, type FormerClient } from './former-client';
import { useWorkspace } from '../app/workspace-context';

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
 * For a component: the coach's former clients while it is mounted, null until the device's copy
 * of `coach:` has loaded. Call during component initialisation (it reads the layout's contexts).
 */
export function useFormerClients(userId: string): { readonly current: FormerClients | null } {
	const engagements = useEngagements();
	const { registry } = useWorkspace();
	const former = $derived(
		registry.view(
			coachDocName(userId),
			(doc) => new FormerClients({ doc, engagements: () => knownEngagements(engagements) })
		)
	);
	return {
		get current() {
			return former.current;
		}
	};
}
