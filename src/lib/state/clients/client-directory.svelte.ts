import { SvelteSet } from 'svelte/reactivity';
import type { Engagements } from '../engagements/engagements.svelte';
import type { InviteView } from '../../api/invites';
import {
	assignPackage,
	listInvites,
	loadCopy,
	resendInvite,
	revokeInvite,
	saveCopy
} from './request-json';
import type { InviteQueue } from './invite-queue.svelte';
import {
	buildClientRows,
	canResend,
	filterClientRows,
	type ClientRow,
	type StatusFilter
} from './client-rows';

const isInviteList = (value: unknown): value is InviteView[] => Array.isArray(value);

/**
 * The coach's clients page: engagements, invitations (kept on the device for offline use) and
 * queued invitations merged into one list, with search, a status filter, selection and the
 * invitation verbs (resend, revoke) that need the server.
 *
 *     const directory = new ClientDirectory({ userId, engagements, queue });
 *     void directory.refresh();
 *     directory.visible; // filtered rows
 */
export class ClientDirectory {
	readonly #engagements: Engagements;
	readonly #queue: InviteQueue;
	readonly #copyKey: string;
	#invites = $state<InviteView[]>([]);
	#error = $state<string | null>(null);
	query = $state('');
	status = $state<StatusFilter>('all');
	readonly selected = new SvelteSet<string>();

	readonly #rows = $derived.by(() =>
		buildClientRows({
			engagements: this.#engagements.all,
			invites: this.#invites,
			queued: this.#queue.all
		})
	);
	readonly #visible = $derived.by(() =>
		filterClientRows(this.#rows, { query: this.query, status: this.status })
	);

	constructor(options: { userId: string; engagements: Engagements; queue: InviteQueue }) {
		this.#engagements = options.engagements;
		this.#queue = options.queue;
		this.#copyKey = `tandem.invites:${options.userId}`;
		this.#invites = loadCopy(this.#copyKey, isInviteList) ?? [];
	}

	get rows(): ClientRow[] {
		return this.#rows;
	}

	get visible(): ClientRow[] {
		return this.#visible;
	}

	get error(): string | null {
		return this.#error ?? this.#engagements.error;
	}

	get loading(): boolean {
		return this.#engagements.loading;
	}

	/** Visible rows that can be resent, i.e. what "select all" selects. */
	get selectable(): ClientRow[] {
		return this.#visible.filter(canResend);
	}

	get selectedRows(): ClientRow[] {
		return this.selectable.filter((row) => this.selected.has(row.key));
	}

	get allSelected(): boolean {
		return this.selectable.length > 0 && this.selectedRows.length === this.selectable.length;
	}

	toggleAll(on: boolean): void {
		this.selected.clear();
		if (on) {
			this.selectable.forEach((row) => this.selected.add(row.key));
		}
	}

	/** Refreshes engagements and invitations; offline, the saved copies stay. */
	async refresh(): Promise<void> {
		const [invites] = await Promise.all([listInvites(), this.#engagements.refresh()]);
		if (invites.ok) {
			this.#invites = invites.data.invites;
			saveCopy(this.#copyKey, invites.data.invites);
			this.#error = null;
		} else if (!invites.offline && invites.status !== 401) {
			this.#error = invites.error;
		}
	}

	/** Resends each invitation; returns a message for people, or null when all went out. */
	async resend(rows: readonly ClientRow[]): Promise<string | null> {
		const failures: string[] = [];
		for (const row of rows) {
			const result = await resendInvite(row.invite!.id);
			if (!result.ok) {
				failures.push(`${row.name}: ${result.error}`);
				if (result.offline) {
					break;
				}
			}
		}
		this.selected.clear();
		await this.refresh();
		return failures.length === 0 ? null : failures.join(' ');
	}

	async revoke(row: ClientRow): Promise<string | null> {
		const result = await revokeInvite(row.invite!.id);
		await this.refresh();
		return result.ok ? null : result.error;
	}

	/**
	 * Writes a catalogue package into the engagement's `sub:` document (the server does it, so
	 * client and coach see it through sync). Needs a connection: the catalogue is the server's.
	 */
	async assignPackage(engagementId: string, packageId: string): Promise<string | null> {
		const result = await assignPackage(engagementId, packageId);
		if (result.ok) {
			await this.refresh();
		}
		return result.ok ? null : result.error;
	}
}
