import type { EmailChangeInput } from '../../api/account';
import { apiRequest } from '../../api/client';

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

	async submit(input: EmailChangeInput): Promise<boolean> {
		this.#phase = 'sending';
		this.#error = null;
		this.#fields = {};
		const sent = await apiRequest('/api/account/email', {
			method: 'POST',
			body: input,
			fetch: this.#fetch
		});
		if (!sent.ok) {
			this.#phase = 'idle';
			if (sent.offline) {
				this.#error = 'You are offline. Changing your email needs a connection.';
			} else if (Object.keys(sent.fields).length > 0) {
				this.#fields = sent.fields as Record<string, string>;
			} else {
				this.#error = sent.error;
			}
			return false;
		}
		this.#sentTo = input.newEmail.trim();
		this.#phase = 'sent';
		return true;
	}
}
