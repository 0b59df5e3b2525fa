import { deviceListSchema, type SignedInDevice } from '../../api/account';
import { apiRequest, type ApiFailure, type ApiResult } from '../../api/client';

export type DevicesPhase = 'idle' | 'loading' | 'ready' | 'working';

/**
 * Settings → Signed-in devices: lists the account's sessions and signs one, or every other, out.
 * Needs a connection: the server holds the sessions.
 *
 * @example
 * const devices = new SignedInDevices(); await devices.load(); await devices.signOut(id);
 */
export class SignedInDevices {
	#fetch: typeof globalThis.fetch;
	#phase = $state<DevicesPhase>('idle');
	#devices = $state<readonly SignedInDevice[]>([]);
	#error = $state<string | null>(null);
	#notice = $state<string | null>(null);

	constructor(deps: { fetch?: typeof globalThis.fetch } = {}) {
		this.#fetch = deps.fetch ?? ((...args) => fetch(...args));
	}

	get phase(): DevicesPhase {
		return this.#phase;
	}
	get devices(): readonly SignedInDevice[] {
		return this.#devices;
	}
	get error(): string | null {
		return this.#error;
	}
	/** What the last sign-out did, for a status line. */
	get notice(): string | null {
		return this.#notice;
	}

	async load(): Promise<void> {
		this.#phase = this.#devices.length > 0 ? 'working' : 'loading';
		this.#error = null;
		const list = await apiRequest('/api/account/sessions', {
			schema: deviceListSchema,
			fetch: this.#fetch
		});
		if (list.ok) {
			this.#devices = list.data.devices;
		} else {
			this.#fail(list);
		}
		this.#phase = 'ready';
	}

	async signOut(id: string): Promise<void> {
		const name = this.#devices.find((d) => d.id === id)?.device ?? 'The device';
		await this.#act(
			() =>
				apiRequest(`/api/account/sessions/${encodeURIComponent(id)}`, {
					method: 'DELETE',
					fetch: this.#fetch
				}),
			`${name} is signed out.`
		);
	}

	async signOutOthers(): Promise<void> {
		await this.#act(
			() =>
				apiRequest('/api/account/sessions/sign-out-others', {
					method: 'POST',
					fetch: this.#fetch
				}),
			'Every other device is signed out.'
		);
	}

	async #act(request: () => Promise<ApiResult<unknown>>, done: string): Promise<void> {
		this.#phase = 'working';
		this.#error = null;
		this.#notice = null;
		const result = await request();
		// 404: signed out meanwhile (elsewhere): the list below shows the truth either way.
		if (!result.ok && result.status !== 404) {
			this.#fail(result);
			this.#phase = 'ready';
			return;
		}
		this.#notice = done;
		await this.load();
	}

	#fail(failure: ApiFailure): void {
		this.#error = failure.offline
			? 'You are offline. A connection is needed to see and sign out your devices.'
			: failure.error;
	}
}
