/**
 * Expected failures are data, named once here and mapped to HTTP in one place, so handlers
 * stay a few lines and every failure has one name and one status.
 */
export type ErrorCode =
	// The body or a field is not what the endpoint accepts.
	| 'invalid-input'
	// A unique thing (an email) already exists.
	| 'conflict'
	// Email/password pair does not match; deliberately not saying which part is wrong.
	| 'invalid-credentials'
	// No valid session.
	| 'unauthenticated'
	// Signed in, but not allowed (wrong role, not a member, foreign Origin).
	| 'forbidden'
	| 'not-found'
	// Existed once, no more (a used or expired invite).
	| 'gone'
	// Too many attempts; carries retryAfterSeconds.
	| 'rate-limited'
	| 'payload-too-large'
	// An Idempotency-Key already used for a different method or path by this user.
	| 'idempotency-key-reused'
	// A part the server needs is not running (the sync server); retrying later may work.
	| 'unavailable'
	// Scheduling: someone else booked this time first (the booking race has one winner).
	| 'slot-taken'
	// Scheduling: the package has no sessions left to book.
	| 'no-sessions-left'
	// Scheduling: the client's package does not allow booking themselves.
	| 'self-booking-off'
	// Scheduling: too close to the session for a client to cancel or move it.
	| 'too-late';

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
