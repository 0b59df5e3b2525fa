/** One signed-in device (GET /api/account/sessions). */
export interface SignedInDevice {
	readonly id: string;
	/** A short summary of its browser and system, e.g. "Firefox on Windows". */
	readonly device: string;
	readonly signedInAt: string;
	readonly lastUsedAt: string;
	readonly current: boolean;
}

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
		try {
			const response = await this.#fetch('/api/account/sessions');
			if (!response.ok) {
				throw new Error(await messageOf(response));
			}
			this.#devices = ((await response.json()) as { devices: SignedInDevice[] }).devices;
		} catch (error) {
			this.#fail(error);
		}
		this.#phase = 'ready';
	}

	async signOut(id: string): Promise<void> {
		const name = this.#devices.find((d) => d.id === id)?.device ?? 'The device';
		await this.#act(
			() => this.#fetch(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
			`${name} is signed out.`
		);
	}

	async signOutOthers(): Promise<void> {
		await this.#act(
			() => this.#fetch('/api/account/sessions/sign-out-others', { method: 'POST' }),
			'Every other device is signed out.'
		);
	}

	async #act(request: () => Promise<Response>, done: string): Promise<void> {
		this.#phase = 'working';
		this.#error = null;
		this.#notice = null;
		try {
			const response = await request();
			// 404: signed out meanwhile (elsewhere): the list below shows the truth either way.
			if (!response.ok && response.status !== 404) {
				throw new Error(await messageOf(response));
			}
			this.#notice = done;
		} catch (error) {
			this.#fail(error);
			this.#phase = 'ready';
			return;
		}
		await this.load();
	}

	#fail(error: unknown): void {
		this.#error =
			error instanceof TypeError
				? 'You are offline. A connection is needed to see and sign out your devices.'
				: error instanceof Error
					? error.message
					: String(error);
	}
}

async function messageOf(response: Response): Promise<string> {
	const body = (await response.json().catch(() => ({}))) as { error?: string };
	return body.error ?? `The server answered ${response.status}.`;
}
