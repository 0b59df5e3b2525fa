/**
 * The coach screens' one way to call the JSON API: every failure becomes data the UI can show,
 * and "the server could not be reached" is told apart from "the server said no", because the
 * first means "try again when online" and the second means "fix the input".
 */

import { readFieldErrors, type FieldErrors } from '../domain/field-errors';

export type ApiResult<T> =
	| { readonly ok: true; readonly data: T }
	/** Reached the server, which refused: `error` is its message for people. */
	| {
			readonly ok: false;
			readonly offline: false;
			readonly status: number;
			readonly error: string;
			/** A 400 for a form: each bad field with its own message (empty otherwise). */
			readonly fields: FieldErrors;
	  }
	/** No answer (offline, server down, connection dropped). */
	| { readonly ok: false; readonly offline: true; readonly status: 0; readonly error: string };

export const OFFLINE_MESSAGE = 'You are offline: this needs a connection to the server.';

export interface ApiRequest {
	method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	body?: unknown;
	headers?: Record<string, string>;
}

async function errorBody(response: Response): Promise<{ error: string; fields: FieldErrors }> {
	try {
		const body = (await response.json()) as { error?: unknown; fields?: unknown };
		if (typeof body.error === 'string' && body.error) {
			return { error: body.error, fields: readFieldErrors(body.fields) };
		}
	} catch {
		// Not JSON (a proxy's error page): fall through to the generic message.
	}
	return { error: `The server could not do that (${response.status}).`, fields: {} };
}

export async function requestJson<T>(
	fetch: typeof globalThis.fetch,
	path: string,
	request: ApiRequest = {}
): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: request.method ?? 'GET',
			headers: {
				...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
				...request.headers
			},
			body: request.body === undefined ? undefined : JSON.stringify(request.body)
		});
	} catch {
		return { ok: false, offline: true, status: 0, error: OFFLINE_MESSAGE };
	}
	if (!response.ok) {
		// A 5xx from a restarting server is as good as no answer for the caller's purposes.
		const offline = response.status >= 502 && response.status <= 504;
		return offline
			? { ok: false, offline: true, status: 0, error: OFFLINE_MESSAGE }
			: { ok: false, offline: false, status: response.status, ...(await errorBody(response)) };
	}
	const data = response.status === 204 ? null : ((await response.json()) as T);
	return { ok: true, data: data as T };
}

/** Per-user copies of server lists, so the screens open offline. Not secret; cleared with the user. */
export function saveCopy(key: string, value: unknown): void {
	try {
		localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Storage full or disabled: the copy is a convenience, the server stays the truth.
	}
}

export function loadCopy<T>(key: string, isValid: (value: unknown) => value is T): T | null {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
		return isValid(value) ? value : null;
	} catch {
		return null;
	}
}
