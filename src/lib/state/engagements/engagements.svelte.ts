import { idsOf } from '../../domain/identity';
import type { EngagementSummary } from '../../api/engagements';
import { listEngagements } from '../clients/request-json';
import {
	loadEngagements,
	mergeEngagementLists,
	saveEngagements,
	withoutEngagement,
	type EngagementList
} from '../../local/engagement-cache';

/**
 * The signed-in user's engagements: the copy saved on this device first (so the app opens
 * offline), then the server's answer when it can be reached. Engagements the server stops
 * listing stay here as `closed` (see mergeEngagementLists) until the user removes them.
 */
export class Engagements {
	#userId: string;
	#list = $state<EngagementList | null>(null);
	#refreshing = $state(false);
	#error = $state<string | null>(null);

	constructor(userId: string) {
		this.#userId = userId;
		this.#list = loadEngagements(userId);
	}

	get all(): readonly EngagementSummary[] {
		return this.#list?.engagements ?? [];
	}

	get coachDoc(): string | undefined {
		return this.#list?.coachDoc;
	}

	/** True until the first list (saved or fetched) is known. */
	get loading(): boolean {
		return this.#list === null && this.#refreshing;
	}

	get error(): string | null {
		return this.#error;
	}

	byId(id: string): EngagementSummary | undefined {
		return this.all.find((e) => e.id === id);
	}

	/**
	 * Documents of closed engagements: the server refuses them, so the doc registry opens them
	 * from this device only instead of knocking again every time one is opened.
	 */
	isLocalOnly(docName: string): boolean {
		return this.all.some(
			(e) => e.status === 'closed' && (e.docs.shared === docName || e.docs.subscription === docName)
		);
	}

	/** The signed-in user's ids from before an import in this engagement (domain/identity.ts). */
	myFormerIds(engagementId: string): string[] {
		const engagement = this.byId(engagementId);
		const side = engagement?.coach.id === this.#userId ? engagement.coach : engagement?.client;
		return side?.id === this.#userId ? idsOf(side).slice(1) : [];
	}

	/** Forgets a closed engagement on this device (its documents are deleted by the caller). */
	remove(engagementId: string): void {
		if (this.#list) {
			this.#list = withoutEngagement(this.#list, engagementId);
			saveEngagements(this.#userId, this.#list);
		}
	}

	async refresh(fetch: typeof globalThis.fetch = globalThis.fetch): Promise<void> {
		this.#refreshing = true;
		try {
			const result = await listEngagements(fetch);
			if (!result.ok) {
				// Offline: the saved copy stays; nothing to report beyond the shell's offline badge.
				if (!result.offline) {
					this.#error = result.status === 401 ? null : 'Could not load your clients.';
				}
				return;
			}
			// Re-read the saved copy: another tab may have removed or closed one meanwhile.
			const cached = loadEngagements(this.#userId) ?? this.#list;
			const list = mergeEngagementLists(result.data, cached, Date.now());
			saveEngagements(this.#userId, list);
			this.#list = list;
			this.#error = null;
		} finally {
			this.#refreshing = false;
		}
	}
}
