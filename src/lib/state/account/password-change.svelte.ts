import { apiRequest } from '../../api/client';
import { MIN_PASSWORD_LENGTH } from '../../domain/account';

export type PasswordChangePhase = 'idle' | 'saving' | 'saved';

export interface PasswordChangeInput {
	currentPassword: string;
	newPassword: string;
	repeated: string;
}

/**
 * "Change password" in Settings: checks what it can here (the two new passwords agree), then
 * asks the server, which checks the current password and signs the other devices out.
 *
 * @example
 * const change = new PasswordChange();
 * await change.submit({ currentPassword, newPassword, repeated });
 */
export class PasswordChange {
	#fetch: typeof globalThis.fetch;
	#phase = $state<PasswordChangePhase>('idle');
	#error = $state<string | null>(null);
	#fields = $state<Record<string, string>>({});

	constructor(deps: { fetch?: typeof globalThis.fetch } = {}) {
		this.#fetch = deps.fetch ?? ((...args) => fetch(...args));
	}

	get phase(): PasswordChangePhase {
		return this.#phase;
	}
	/** A message for the form as a whole (offline, throttled), or null. */
	get error(): string | null {
		return this.#error;
	}
	/** Each bad field with its own message. */
	get fields(): Readonly<Record<string, string>> {
		return this.#fields;
	}

	async submit(input: PasswordChangeInput): Promise<boolean> {
		this.#error = null;
		this.#fields = {};
		if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
			this.#fields = {
				newPassword: `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`
			};
			return false;
		}
		if (input.newPassword !== input.repeated) {
			this.#fields = { repeated: 'The two new passwords are not the same.' };
			return false;
		}
		this.#phase = 'saving';
		const changed = await apiRequest('/api/account/password', {
			method: 'POST',
			body: { currentPassword: input.currentPassword, newPassword: input.newPassword },
			fetch: this.#fetch
		});
		if (!changed.ok) {
			this.#phase = 'idle';
			if (changed.offline) {
				this.#error = 'You are offline. Changing your password needs a connection.';
			} else if (Object.keys(changed.fields).length > 0) {
				this.#fields = changed.fields as Record<string, string>;
			} else {
				this.#error = changed.error;
			}
			return false;
		}
		this.#phase = 'saved';
		return true;
	}
}
