import { createSubscriber } from 'svelte/reactivity';
import * as v from 'valibot';
import { userWithPhoneSchema } from '../../api/account';
import { apiRequest } from '../../api/client';
import { parsePhone } from '../../domain/phone';
import { browserNetwork, type NetworkStatus } from '../../sync/network';

type Fetch = typeof fetch;

/** What this screen reads of GET and PUT /api/me/phone. */
const phoneBody = v.object({ user: v.pick(userWithPhoneSchema, ['phone']) });

/**
 * The signed-in user's phone number on `/client/profile`. It lives on the server (the coach
 * reads it in the engagement list), so saving needs a connection: offline the form says so
 * instead of pretending.
 *
 * ```ts
 * const editor = new PhoneEditor(); await editor.load(); await editor.save('+44 20 7946 0958');
 * ```
 */
export class PhoneEditor {
	#phone = $state<string | null>(null);
	#loaded = $state(false);
	#busy = $state(false);
	#problem = $state<string | null>(null);
	#notice = $state<string | null>(null);
	readonly #network: NetworkStatus;
	readonly #fetch: Fetch;
	readonly #subscribeNetwork: () => void;

	constructor(options: { network?: NetworkStatus; fetch?: Fetch } = {}) {
		this.#network = options.network ?? browserNetwork();
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#subscribeNetwork = createSubscriber((update) => this.#network.subscribe(update));
	}

	get phone(): string | null {
		return this.#phone;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get busy(): boolean {
		return this.#busy;
	}
	get problem(): string | null {
		return this.#problem;
	}
	get notice(): string | null {
		return this.#notice;
	}
	get isOffline(): boolean {
		this.#subscribeNetwork();
		return !this.#network.isOnline;
	}

	async load(): Promise<void> {
		// Offline: the page says saving needs a connection; nothing to show yet.
		const loaded = await apiRequest('/api/me/phone', { schema: phoneBody, fetch: this.#fetch });
		if (loaded.ok) {
			this.#phone = loaded.data.user.phone;
			this.#loaded = true;
		}
	}

	/** Blank text removes the number. */
	async save(text: string): Promise<void> {
		this.#notice = null;
		const parsed = parsePhone(text);
		if (!parsed.ok) {
			this.#problem = parsed.problem;
			return;
		}
		if (this.isOffline) {
			this.#problem = 'You are offline: saving your phone number needs a connection.';
			return;
		}
		this.#busy = true;
		this.#problem = await this.#put(parsed.value);
		this.#busy = false;
	}

	async #put(phone: string | null): Promise<string | null> {
		const saved = await apiRequest('/api/me/phone', {
			method: 'PUT',
			body: { phone },
			schema: phoneBody,
			fetch: this.#fetch
		});
		if (!saved.ok) {
			if (saved.offline) {
				return 'The server could not be reached: saving your phone number needs a connection.';
			}
			return saved.code === 'unknown' ? 'The phone number could not be saved.' : saved.error;
		}
		this.#phone = saved.data.user.phone;
		this.#loaded = true;
		this.#notice = phone === null ? 'Phone number removed.' : 'Phone number saved.';
		return null;
	}
}
