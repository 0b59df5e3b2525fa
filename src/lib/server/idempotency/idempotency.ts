import { errorResponse, failure, type Failure } from '../errors';
import type { IdempotencyStore, StoredAnswer } from './idempotency-store';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAY_HEADER = 'Idempotent-Replay';
const MAX_KEY_LENGTH = 255;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
// A twin of a request still running is awaited this many times before giving up with 409.
const MAX_WAITS = 5;
// Statuses whose responses must not have a body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 204, 205, 304]);

/** One request that carries a key: whose, which key, and what it asked for. */
export interface KeyedRequest {
	userId: string;
	key: string;
	method: string;
	path: string;
}

export function keyProblem(key: string): Failure | null {
	return key.length <= MAX_KEY_LENGTH && VISIBLE_ASCII.test(key)
		? null
		: failure(
				'invalid-input',
				`${IDEMPOTENCY_KEY_HEADER} must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (a UUID works).`
			);
}

/**
 * Success and the client's own mistakes are final answers; 5xx are not stored, so a retry can
 * succeed, and neither is 429 (the limit passes) nor 409 "still running" (the twin finishes).
 */
function isFinal(status: number): boolean {
	return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);
}

function replay(answer: StoredAnswer): Response {
	const headers = new Headers({ [REPLAY_HEADER]: 'true' });
	if (answer.contentType) {
		headers.set('content-type', answer.contentType);
	}
	const body = NULL_BODY.has(answer.status) ? null : answer.body;
	return new Response(body, { status: answer.status, headers });
}

/**
 * Answers a repeated Idempotency-Key with the first answer instead of acting twice, so the
 * browser's offline outbox can retry after a lost response without sending two invites.
 * Keys are per user; a key reused for another method or path is refused (422).
 *
 *     const response = await idempotency.run({ userId, key, method, path }, () => resolve(event));
 */
export class Idempotency {
	#store: IdempotencyStore;
	// Twins arriving while the first is still running wait for it (one process owns the keys).
	#running = new Map<string, Promise<unknown>>();

	constructor(store: IdempotencyStore) {
		this.#store = store;
	}

	async run(request: KeyedRequest, handle: () => Promise<Response>): Promise<Response> {
		const slot = `${request.userId}\n${request.key}`;
		for (let waits = 0; this.#running.has(slot); waits++) {
			if (waits >= MAX_WAITS) {
				return errorResponse(
					failure('conflict', 'A request with this Idempotency-Key is still running.')
				);
			}
			await this.#running.get(slot);
		}
		// Registered before the stored answer is looked up, so a twin arriving meanwhile waits.
		const running = this.#answer(request, handle);
		this.#running.set(
			slot,
			running.catch(() => undefined)
		);
		try {
			return await running;
		} finally {
			this.#running.delete(slot);
		}
	}

	async #answer(request: KeyedRequest, handle: () => Promise<Response>): Promise<Response> {
		const stored = await this.#store.find(request.userId, request.key);
		if (stored) {
			return stored.method === request.method && stored.path === request.path
				? replay(stored)
				: errorResponse(
						failure(
							'idempotency-key-reused',
							`This ${IDEMPOTENCY_KEY_HEADER} was already used for ${stored.method} ${stored.path}; use a new key for a different request.`
						)
					);
		}
		return this.#execute(request, handle);
	}

	async #execute(request: KeyedRequest, handle: () => Promise<Response>): Promise<Response> {
		const response = await handle();
		if (!isFinal(response.status)) {
			return response;
		}
		const body = new Uint8Array(await response.arrayBuffer());
		await this.#store.save(request.userId, request.key, {
			method: request.method,
			path: request.path,
			status: response.status,
			body,
			contentType: response.headers.get('content-type')
		});
		return new Response(NULL_BODY.has(response.status) ? null : body, {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	}
}
