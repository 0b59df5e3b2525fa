/**
 * Expected failures are data, named once here and mapped to HTTP in one place, so handlers
 * stay a few lines and every failure has one name and one status.
 */
import type { ErrorCode } from '../api/errors';

// The codes are part of the HTTP contract, listed with their meanings in api/errors.ts.
export type { ErrorCode };

export interface Failure {
	code: ErrorCode;
	message: string;
	retryAfterSeconds?: number;
	/** invalid-input from a form's body: each bad field with its own message (domain rules). */
	fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (
	code: ErrorCode,
	message: string,
	extra: Partial<Failure> = {}
): Failure => ({
	code,
	message,
	...extra
});
export const err = <T = never>(
	code: ErrorCode,
	message: string,
	extra: Partial<Failure> = {}
): Result<T> => ({ ok: false, error: failure(code, message, extra) });

const STATUS: Record<ErrorCode, number> = {
	'invalid-input': 400,
	conflict: 409,
	'invalid-credentials': 401,
	unauthenticated: 401,
	forbidden: 403,
	'not-found': 404,
	gone: 410,
	'rate-limited': 429,
	'payload-too-large': 413,
	'idempotency-key-reused': 422,
	unavailable: 503,
	'slot-taken': 409,
	'no-sessions-left': 409,
	'self-booking-off': 403,
	'too-late': 409
};

export function statusOf(code: ErrorCode): number {
	return STATUS[code];
}

/**
 * The one JSON shape of every API error: `{ "error": "<message>", "code": "<code>" }`, plus
 * `"fields": { "<field>": "<message>" }` when a form's body had bad fields.
 */
export function errorResponse(error: Failure): Response {
	const headers = new Headers({ 'content-type': 'application/json' });
	if (error.retryAfterSeconds !== undefined) {
		headers.set('retry-after', String(error.retryAfterSeconds));
	}
	if (error.code === 'payload-too-large') {
		// The oversized body was never read: the socket cannot carry another request.
		headers.set('connection', 'close');
	}
	const fields = error.fields && Object.keys(error.fields).length > 0 ? error.fields : undefined;
	return new Response(JSON.stringify({ error: error.message, code: error.code, fields }), {
		status: statusOf(error.code),
		headers
	});
}
