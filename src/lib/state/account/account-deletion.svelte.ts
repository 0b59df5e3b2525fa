import { deletionPlanSchema, type DeletionImpact } from '../../api/account';
import { apiRequest, type ApiFailure } from '../../api/client';
import type { Role } from '../../domain/account';

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
		const plan = await apiRequest('/api/account/delete', {
			schema: deletionPlanSchema,
			fetch: this.#deps.fetch
		});
		if (!plan.ok) {
			this.#fail(plan);
			return;
		}
		this.#role = plan.data.role;
		this.#impact = plan.data.engagements;
		this.#phase = 'ready';
	}

	async delete(password: string): Promise<void> {
		this.#phase = 'deleting';
		this.#error = null;
		const deleted = await apiRequest('/api/account/delete', {
			method: 'POST',
			body: { password },
			fetch: this.#deps.fetch
		});
		if (!deleted.ok) {
			this.#fail(deleted);
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

	#fail(failure: ApiFailure): void {
		this.#phase = this.#role ? 'ready' : 'idle';
		this.#error = failure.offline
			? 'You are offline. Deleting an account needs a connection.'
			: failure.error;
	}
}
