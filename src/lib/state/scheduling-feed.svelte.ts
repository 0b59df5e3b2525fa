import { schedulingRequest } from './scheduling-api';

/**
 * The signed-in user's private calendar feed link. The link is the secret (calendar apps cannot
 * sign in), so "Reset link" rotates it and the old one stops working at once.
 */
export class CalendarFeed {
	#url = $state<string | null>(null);
	#problem = $state<string | null>(null);
	#busy = $state(false);

	get url(): string | null {
		return this.#url;
	}

	get problem(): string | null {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	load(): Promise<void> {
		return this.#fetch('/api/calendar-feed', 'GET');
	}

	reset(): Promise<void> {
		return this.#fetch('/api/calendar-feed/rotate', 'POST');
	}

	async #fetch(path: string, method: 'GET' | 'POST'): Promise<void> {
		this.#busy = true;
		const result = await schedulingRequest<{ url: string }>(path, {
			method,
			body: method === 'POST' ? {} : undefined
		});
		this.#busy = false;
		this.#problem = result.ok ? null : result.message;
		if (result.ok) {
			// The server may answer with a path; calendar apps need the whole address.
			this.#url = result.data.url.startsWith('/')
				? `${location.origin}${result.data.url}`
				: result.data.url;
		}
	}
}
