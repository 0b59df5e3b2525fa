import { outboxOutcome } from '../api/client';
import type { OutboxSend } from './outbox';

/** The kind of outbox entry that is a plain JSON request to the app's own API. */
export const HTTP_KIND = 'http';

export interface HttpRequestPayload {
	method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Same-origin API path, e.g. `/api/invites`. */
	path: string;
	body?: unknown;
}

export function isHttpRequestPayload(value: unknown): value is HttpRequestPayload {
	const v = value as Partial<HttpRequestPayload> | null;
	return (
		typeof v?.path === 'string' &&
		v.path.startsWith('/api/') &&
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(v.method ?? '')
	);
}

/**
 * Sends queued API requests; what an answer means (sent, retry, refused) is `outboxOutcome`'s,
 * the API client's rule for queued requests. A network error throws, which the runner retries
 * with backoff. The entry id goes out as Idempotency-Key, so a retry after a lost response is
 * answered, not acted on twice.
 */
export function httpOutboxSend(fetch: typeof globalThis.fetch = globalThis.fetch): OutboxSend {
	return async (request) => {
		if (request.kind !== HTTP_KIND || !isHttpRequestPayload(request.payload)) {
			return { rejected: `Unknown queued request (${request.kind}).` };
		}
		const { method, path, body } = request.payload;
		const response = await fetch(path, {
			method,
			headers: { 'content-type': 'application/json', ...request.headers },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		return outboxOutcome(response);
	};
}
