/**
 * The browser's one way to call the JSON API. Every outcome is data: success with the (optionally
 * schema-checked) body, "the server said no" with its code, message and field messages, or
 * "the server could not be reached", because the first means "fix the input" and the second
 * "try again when online". Queued requests (the outbox) use the same rules through `outboxOutcome`.
 */

import type * as v from 'valibot';
import { readFieldErrors, type FieldErrors } from '../domain/field-errors';
import { readErrorBody, type ErrorCode } from './errors';
import { parseWith } from './parse';

export const OFFLINE_MESSAGE = 'You are offline: this needs a connection to the server.';

export type ApiFailure =
	/** Reached the server, which refused: `error` is its sentence for people. */
	| {
			readonly ok: false;
			readonly offline: false;
			readonly status: number;
			/** The server's code, or 'unknown' for an answer that is not ours (a proxy's page). */
			readonly code: ErrorCode | 'unknown';
			readonly error: string;
			/** A refused form: each bad field with its own message (empty otherwise). */
			readonly fields: FieldErrors;
			readonly retryAfterSeconds?: number;
	  }
	/** No answer (offline, server down or restarting, connection dropped). */
	| {
			readonly ok: false;
			readonly offline: true;
			readonly status: 0;
			readonly code: 'offline';
			readonly error: string;
			readonly fields: FieldErrors;
	  };

export type ApiResult<T> = { readonly ok: true; readonly data: T } | ApiFailure;

export interface ApiRequest<T> {
	method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** Sent as JSON; a Blob (an upload) is sent as it is, with the caller's content-type. */
	body?: unknown;
	headers?: Record<string, string>;
	/** Checks the success body; a body that does not match is reported as a refusal. */
	schema?: v.GenericSchema<unknown, T>;
	/**
	 * False when only the status of a refusal matters: its body is left unread. During server
	 * rendering SvelteKit inlines every response body a load function read into the page, so an
	 * unread 401 keeps the page free of it.
	 */
	readRefusal?: boolean;
	/** SvelteKit's `fetch` in a load function; the global one otherwise. */
	fetch?: typeof globalThis.fetch;
}

/**
 * A restarting server, a proxy with no upstream, or the service worker's offline answer: as good
 * as no answer for the caller, so these are "offline", not refusals.
 */
export function isUnreachable(status: number): boolean {
	return status >= 502 && status <= 504;
}

export const offlineFailure = (message = OFFLINE_MESSAGE): ApiFailure => ({
	ok: false,
	offline: true,
	status: 0,
	code: 'offline',
	error: message,
	fields: {}
});

async function readJsonBody(response: Response): Promise<unknown> {
	try {
		return (await response.json()) as unknown;
	} catch {
		return undefined;
	}
}

/** The refusal carried by a non-2xx response, in the one error shape. */
export async function refusalOf(response: Response): Promise<ApiFailure> {
	const body = readErrorBody(await readJsonBody(response));
	const retryAfter = Number(response.headers.get('retry-after') ?? '');
	return {
		ok: false,
		offline: false,
		status: response.status,
		code: body?.code ?? 'unknown',
		error: body?.error ?? `The server could not do that (${response.status}).`,
		fields: readFieldErrors(body?.fields),
		...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {})
	};
}

function unreadRefusal(response: Response): ApiFailure {
	return {
		ok: false,
		offline: false,
		status: response.status,
		code: 'unknown',
		error: `The server could not do that (${response.status}).`,
		fields: {}
	};
}

export async function apiRequest<T>(
	path: string,
	request: ApiRequest<T> = {}
): Promise<ApiResult<T>> {
	const fetch = request.fetch ?? globalThis.fetch;
	const json = request.body !== undefined && !(request.body instanceof Blob);
	let response: Response;
	try {
		response = await fetch(path, {
			method: request.method ?? 'GET',
			headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...request.headers },
			body: json ? JSON.stringify(request.body) : (request.body as Blob | undefined)
		});
	} catch {
		return offlineFailure();
	}
	if (isUnreachable(response.status)) {
		return offlineFailure();
	}
	if (!response.ok) {
		return request.readRefusal === false ? unreadRefusal(response) : refusalOf(response);
	}
	const data = response.status === 204 ? null : await readJsonBody(response);
	if (!request.schema) {
		return { ok: true, data: data as T };
	}
	const parsed = parseWith(request.schema, data);
	return parsed.ok
		? { ok: true, data: parsed.value }
		: {
				ok: false,
				offline: false,
				status: response.status,
				code: 'unknown',
				error: `The server's answer was not understood (${parsed.message}).`,
				fields: {}
			};
}

export type OutboxOutcome = 'sent' | 'retry' | { readonly rejected: string };

/**
 * What a queued request's response means. 2xx: done. 401 (the session ended: waits for the user
 * to sign in again), 429 (slow down) and 5xx: retried later. Any other 4xx: the server refused the
 * request itself, so retrying cannot help; kept as failed with the server's message.
 */
export async function outboxOutcome(response: Response): Promise<OutboxOutcome> {
	if (response.ok) {
		return 'sent';
	}
	if (response.status === 401 || response.status === 429 || response.status >= 500) {
		return 'retry';
	}
	const refusal = await refusalOf(response);
	return {
		rejected:
			refusal.code === 'unknown'
				? `The server refused the request (${response.status}).`
				: refusal.error
	};
}
