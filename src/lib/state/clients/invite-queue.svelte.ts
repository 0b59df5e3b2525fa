import type { InviteRequest } from '../../api/invites';
import type { OutboxRow } from '../../local/db';
import { watchQuery } from '../../local/live-query';
import { HTTP_KIND, isHttpRequestPayload } from '../../local/outbox-http';
import type { Workspace } from '../app/workspace-context';

export interface QueuedInvite {
	readonly id: string;
	readonly input: InviteRequest;
	/** Waiting (offline or retrying) or refused by the server (`error` says why). */
	readonly state: 'waiting' | 'refused';
	readonly error: string | null;
	readonly queuedAt: number;
}

const INVITES_PATH = '/api/invites';

function toQueued(row: OutboxRow): QueuedInvite | null {
	const payload = row.payload;
	if (row.kind !== HTTP_KIND || !isHttpRequestPayload(payload)) {
		return null;
	}
	if (payload.method !== 'POST' || payload.path !== INVITES_PATH) {
		return null;
	}
	return {
		id: row.id,
		input: payload.body as InviteRequest,
		state: row.status === 'failed' ? 'refused' : 'waiting',
		error: row.status === 'failed' ? row.error : null,
		queuedAt: row.createdAt
	};
}

/**
 * Invitations go through the workspace outbox, online too, so one path covers both and the
 * clients list shows them as "waiting to send" until the server has them.
 *
 *     const queue = new InviteQueue({ workspace, onSent: () => directory.refresh() });
 *     await queue.add({ name, email });
 *     queue.stop(); // on teardown
 */
export class InviteQueue {
	readonly #workspace: Workspace;
	readonly #all = $derived.by(() =>
		[...this.#workspace.outboxState.pending, ...this.#workspace.outboxState.failed].flatMap(
			(row) => toQueued(row) ?? []
		)
	);
	readonly #stopWatching: () => void;

	constructor(options: { workspace: Workspace; onSent?: () => void }) {
		this.#workspace = options.workspace;
		// The workspace's runner sends; this only notices a queued invitation leaving the outbox
		// (sent, or discarded) so the lists can show what the server made of it.
		// Plain bookkeeping inside a callback, deliberately not reactive.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		let waiting = new Set<string>();
		this.#stopWatching = watchQuery(() => options.workspace.outbox.list(), {
			next: (rows) => {
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				const now = new Set(rows.flatMap((row) => toQueued(row)?.id ?? []));
				if ([...waiting].some((id) => !now.has(id))) {
					options.onSent?.();
				}
				waiting = now;
			},
			error: () => undefined
		});
	}

	/** Waiting and refused invitations, in the order they were queued. */
	get all(): QueuedInvite[] {
		return this.#all;
	}

	add(input: InviteRequest): Promise<void> {
		const email = input.email.trim().toLowerCase();
		return this.#workspace.queue(
			{ method: 'POST', path: INVITES_PATH, body: input },
			// Queuing the same person twice (a double tap offline) sends the latest form only.
			{ dedupeKey: `invite:${email}` }
		);
	}

	retry(id: string): Promise<void> {
		return this.#workspace.outboxState.retry(id);
	}

	discard(id: string): Promise<boolean> {
		return this.#workspace.outboxState.discard(id);
	}

	stop(): void {
		this.#stopWatching();
	}
}
