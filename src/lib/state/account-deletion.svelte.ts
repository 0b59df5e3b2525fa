import type { Role } from '../domain/account';

/** What deleting the account does to one engagement (GET /api/account/delete). */
export interface DeletionImpact {
	readonly engagementId: string;
	readonly status: 'pending' | 'active' | 'ended';
	/** The other side: the client for a coach, the coach for a client. */
	readonly name: string;
	readonly email: string;
	readonly notified: boolean;
}

export type DeletionPhase = 'idle' | 'loading' | 'ready' | 'deleting' | 'deleted';

export interface AccountDeletionDeps {
	readonly fetch?: typeof globalThis.fetch;
	/** Closes the documents and removes this device's copies; runs after the server deleted. */
	readonly forgetLocal: (knownDocs: readonly string[]) => Promise<void>;
	/** Leaves the signed-in app (default: a full page load of /login). */
	readonly leave?: () => void;
}

const docsOf = (impact: readonly DeletionImpact[]) =>
	impact.flatMap((e) => [`eng:${e.engagementId}`, `sub:${e.engagementId}`]);

/**
 * "Delete my account": loads what will happen to each engagement, sends the password, and on
 * success clears this device and leaves. Needs a connection; the server decides.
 *
 * @example
 * const deletion = new AccountDeletion({ forgetLocal: (docs) => forget(user.id, docs) });
 * await deletion.load(); await deletion.delete(password);
 */
export class AccountDeletion {
	#deps: AccountDeletionDeps;
	#phase = $state<DeletionPhase>('idle');
	#role = $state<Role | null>(null);
	#impact = $state<readonly DeletionImpact[]>([]);
	#error = $state<string | null>(null);

	constructor(deps: AccountDeletionDeps) {
		this.#deps = deps;
	}

	get phase(): DeletionPhase {
		return this.#phase;
	}
	get role(): Role | null {
		return this.#role;
	}
	get impact(): readonly DeletionImpact[] {
		return this.#impact;
	}
	get error(): string | null {
		return this.#error;
	}

	async load(): Promise<void> {
		this.#phase = 'loading';
		this.#error = null;
		try {
			const response = await (this.#deps.fetch ?? fetch)('/api/account/delete');
			if (!response.ok) {
				throw new Error(await messageOf(response));
			}
			const body = (await response.json()) as { role: Role; engagements: DeletionImpact[] };
			this.#role = body.role;
			this.#impact = body.engagements;
			this.#phase = 'ready';
		} catch (error) {
			this.#fail(error);
		}
	}

	async delete(password: string): Promise<void> {
		this.#phase = 'deleting';
		this.#error = null;
		try {
			const response = await (this.#deps.fetch ?? fetch)('/api/account/delete', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ password })
			});
			if (!response.ok) {
				throw new Error(await messageOf(response));
			}
		} catch (error) {
			this.#fail(error);
			return;
		}
		this.#phase = 'deleted';
		// The account is gone whatever happens here; a failed local cleanup must not hide that.
		await this.#deps.forgetLocal(docsOf(this.#impact)).catch(() => undefined);
		(this.#deps.leave ?? (() => location.assign('/login?accountDeleted=1')))();
	}

	reset(): void {
		this.#phase = 'idle';
		this.#error = null;
	}

	#fail(error: unknown): void {
		this.#phase = this.#role ? 'ready' : 'idle';
		this.#error =
			error instanceof TypeError
				? 'You are offline. Deleting an account needs a connection.'
				: error instanceof Error
					? error.message
					: String(error);
	}
}

async function messageOf(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { error?: string };
		return body.error ?? `The server answered ${response.status}.`;
	} catch {
		return `The server answered ${response.status}.`;
	}
}
