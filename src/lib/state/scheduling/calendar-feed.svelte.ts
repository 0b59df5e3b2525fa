import { calendarFeedLink } from './scheduling-request';

/**
 * The signed-in user's private calendar feed link. The link is the secret (calendar apps cannot
 * sign in), so "Reset link" rotates it and the old one stops working at once. The server shows
 * the same link on every visit until it is reset (it keeps it sealed, looked up by hash); an
 * older server answered `url` null with `active` for a link it could no longer show.
 */
export class CalendarFeed {
	#url = $state<string | null>(null);
	#active = $state(false);
	#problem = $state<string | null>(null);
	#busy = $state(false);

	get url(): string | null {
		return this.#url;
	}

	/** A link exists (possibly made on another visit, so not shown here). */
	get active(): boolean {
		return this.#active;
	}

	get problem(): string | null {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	load(): Promise<void> {
		return this.#fetch(false);
	}

	reset(): Promise<void> {
		return this.#fetch(true);
	}

	async #fetch(rotate: boolean): Promise<void> {
		this.#busy = true;
		const result = await calendarFeedLink(rotate);
		this.#busy = false;
		this.#problem = result.ok
			? null
			: result.problem === 'offline'
				? 'You are offline: your calendar link shows again when you are back online.'
				: result.message;
		if (result.ok) {
			const url = result.data.url;
			this.#active = result.data.active ?? url !== null;
			// The server may answer with a path; calendar apps need the whole address.
			this.#url = url?.startsWith('/') ? `${location.origin}${url}` : url;
		}
	}
}
