import type { OutboxRow, TandemIndexDb } from '../local/db';
import { Outbox, type OutboxRequest, type SendResult } from '../local/outbox';
import { startOutbox } from '../local/outbox-runner';
import { OutboxState } from './outbox-state.svelte';

/** What the coach typed into the invite form; the body of `POST /api/invites`. */
export interface InviteInput {
	name: string;
	email: string;
	clientType?: string | null;
	message?: string | null;
	packageId?: string | null;
}

/**
 * Outbox payloads carry the whole HTTP request, so any runner flushing this user's outbox can
 * send them, whichever screen queued them.
 */
export interface HttpPayload {
	method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	body: unknown;
}

export const INVITE_KIND = 'invite.send';

export interface QueuedInvite {
	readonly id: string;
	readonly input: InviteInput;
	/** Waiting (offline or retrying) or refused by the server (`error` says why). */
	readonly state: 'waiting' | 'refused';
	readonly error: string | null;
	readonly queuedAt: number;
}

function isHttpPayload(value: unknown): value is HttpPayload {
	const payload = value as Partial<HttpPayload> | null;
	return typeof payload?.path === 'string' && typeof payload.method === 'string';
}

/**
 * Sends one outbox entry: 2xx sent, 5xx/408/429/401 or no answer retried later (a 401 means the
 * session ended; the request waits for the next sign-in), other 4xx refused with the server's words.
 */
export async function sendHttpEntry(
	fetch: typeof globalThis.fetch,
	request: OutboxRequest
): Promise<SendResult> {
	if (!isHttpPayload(request.payload)) {
		return { rejected: 'This queued request is damaged and cannot be sent.' };
	}
	const { method, path, body } = request.payload;
	const response = await fetch(path, {
		method,
		headers: { 'content-type': 'application/json', ...request.headers },
		body: JSON.stringify(body)
	});
	if (response.ok) {
		return 'sent';
	}
	if (response.status >= 500 || [401, 408, 429].includes(response.status)) {
		return 'retry';
	}
	const answer = (await response.json().catch(() => null)) as { error?: string } | null;
	return { rejected: answer?.error ?? `The server refused it (${response.status}).` };
}

// One server on the same origin: retry quickly (1 s, 2 s … capped at 10 s) so a queued invite
// goes out soon after the server is back, even when the browser never noticed being offline.
const backoff = (attempts: number) =>
	Math.round(
		Math.min(10_000, 1_000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4)
	);

function toQueued(row: OutboxRow): QueuedInvite | null {
	if (row.kind !== INVITE_KIND || !isHttpPayload(row.payload)) {
		return null;
	}
	return {
		id: row.id,
		input: row.payload.body as InviteInput,
		state: row.status === 'failed' ? 'refused' : 'waiting',
		error: row.status === 'failed' ? row.error : null,
		queuedAt: row.createdAt
	};
}

/**
 * Invitations queued on this device until the server takes them: always queued (online too),
 * so one path covers both, and the clients list shows them as "waiting to send" meanwhile.
 *
 *     const queue = new InviteQueue({ db: openIndexDb(user.id), onSent: () => directory.refresh() });
 *     await queue.add({ name, email });
 *     queue.stop(); // on teardown
 */
export class InviteQueue {
	readonly #outbox: Outbox;
	readonly #state: OutboxState;
	readonly #stop: () => void;
	readonly #all = $derived.by(() => this.#entries());

	constructor(options: {
		db: TandemIndexDb;
		fetch?: typeof globalThis.fetch;
		onSent?: () => void;
	}) {
		const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
		this.#outbox = new Outbox({ db: options.db, backoff });
		this.#state = new OutboxState(this.#outbox);
		this.#stop = startOutbox({
			outbox: this.#outbox,
			send: async (request) => {
				const result = await sendHttpEntry(fetch, request);
				if (result === 'sent') {
					options.onSent?.();
				}
				return result;
			}
		});
	}

	#entries(): QueuedInvite[] {
		return [...this.#state.pending, ...this.#state.failed].flatMap((row) => toQueued(row) ?? []);
	}

	/** Waiting and refused invitations, in the order they were queued. */
	get all(): QueuedInvite[] {
		return this.#all;
	}

	async add(input: InviteInput): Promise<void> {
		const email = input.email.trim().toLowerCase();
		await this.#outbox.enqueue({
			kind: INVITE_KIND,
			payload: { method: 'POST', path: '/api/invites', body: input } satisfies HttpPayload,
			// Queuing the same person twice (a double tap offline) sends the latest form only.
			dedupeKey: `invite:${email}`
		});
	}

	retry(id: string): Promise<void> {
		return this.#state.retry(id);
	}

	discard(id: string): Promise<boolean> {
		return this.#state.discard(id);
	}

	stop(): void {
		this.#stop();
	}
}
