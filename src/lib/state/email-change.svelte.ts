export type EmailChangePhase = 'idle' | 'sending' | 'sent';

/**
 * "Change email" in Settings: sends the new address and the password; the server emails the new
 * address a link, and the change happens only when that link is used.
 *
 * @example
 * const change = new EmailChange(); await change.submit({ newEmail, password });
 */
export class EmailChange {
	#fetch: typeof globalThis.fetch;
	#phase = $state<EmailChangePhase>('idle');
	#error = $state<string | null>(null);
	#fields = $state<Record<string, string>>({});
	#sentTo = $state<string | null>(null);

	constructor(deps: { fetch?: typeof globalThis.fetch } = {}) {
		this.#fetch = deps.fetch ?? ((...args) => fetch(...args));
	}

	get phase(): EmailChangePhase {
		return this.#phase;
	}
	get error(): string | null {
		return this.#error;
	}
	get fields(): Readonly<Record<string, string>> {
		return this.#fields;
	}
	/** The address the confirmation link went to, once sent. */
	get sentTo(): string | null {
		return this.#sentTo;
	}

	async submit(input: { newEmail: string; password: string }): Promise<boolean> {
		this.#phase = 'sending';
		this.#error = null;
		this.#fields = {};
		try {
			const response = await this.#fetch('/api/account/email', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(input)
			});
			if (!response.ok) {
				const body = (await response.json().catch(() => ({}))) as {
					error?: string;
					fields?: Record<string, string>;
				};
				this.#phase = 'idle';
				if (body.fields && Object.keys(body.fields).length > 0) {
					this.#fields = body.fields;
				} else {
					this.#error = body.error ?? `The server answered ${response.status}.`;
				}
				return false;
			}
		} catch {
			this.#phase = 'idle';
			this.#error = 'You are offline. Changing your email needs a connection.';
			return false;
		}
		this.#sentTo = input.newEmail.trim();
		this.#phase = 'sent';
		return true;
	}
}
