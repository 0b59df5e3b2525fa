import {
	loadEngagements,
	saveEngagements,
	type EngagementList,
	type EngagementSummary
} from '../local/engagement-cache';

/**
 * The signed-in user's engagements: the copy saved on this device first (so the app opens
 * offline), then the server's answer when it can be reached.
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

	async refresh(fetch: typeof globalThis.fetch = globalThis.fetch): Promise<void> {
		this.#refreshing = true;
		try {
			const response = await fetch('/api/engagements');
			if (!response.ok) {
				this.#error = response.status === 401 ? null : 'Could not load your clients.';
				return;
			}
			const body = (await response.json()) as Omit<EngagementList, 'fetchedAt'>;
			const list = { ...body, fetchedAt: Date.now() };
			saveEngagements(this.#userId, list);
			this.#list = list;
			this.#error = null;
		} catch {
			// Offline: the saved copy stays; nothing to report beyond the shell's offline badge.
		} finally {
			this.#refreshing = false;
		}
	}
}
