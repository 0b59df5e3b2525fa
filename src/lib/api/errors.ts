/**
 * The error half of the HTTP contract, shared by the server (which sends it) and the browser
 * client (which reads it). Every API error is `{ error, code, fields? }` with one status per code.
 */

import * as v from 'valibot';
import type { FieldErrors } from '../domain/field-errors';

export const ERROR_CODES = [
	// The body or a field is not what the endpoint accepts.
	'invalid-input',
	// A unique thing (an email) already exists.
	'conflict',
	// Email/password pair does not match; deliberately not saying which part is wrong.
	'invalid-credentials',
	// No valid session.
	'unauthenticated',
	// Signed in, but not allowed (wrong role, not a member, foreign Origin).
	'forbidden',
	'not-found',
	// Existed once, no more (a used or expired invite).
	'gone',
	// Too many attempts; carries retryAfterSeconds (the Retry-After header).
	'rate-limited',
	'payload-too-large',
	// An Idempotency-Key already used for a different method or path by this user.
	'idempotency-key-reused',
	// A part the server needs is not running (the sync server); retrying later may work.
	'unavailable',
	// Scheduling: someone else booked this time first (the booking race has one winner).
	'slot-taken',
	// Scheduling: the package has no sessions left to book.
	'no-sessions-left',
	// Scheduling: the client's package does not allow booking themselves.
	'self-booking-off',
	// Scheduling: too close to the session for a client to cancel or move it.
	'too-late'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type { FieldErrors };

/** The JSON body of every API error response. */
export interface ErrorBody {
	error: string;
	code: ErrorCode;
	fields?: Record<string, string>;
}

const errorBodySchema = v.object({
	error: v.pipe(v.string(), v.nonEmpty()),
	code: v.picklist(ERROR_CODES),
	fields: v.optional(v.record(v.string(), v.string()))
});

/** Reads an error body, or null when it is not ours (a proxy's page, an older server). */
export function readErrorBody(value: unknown): ErrorBody | null {
	const parsed = v.safeParse(errorBodySchema, value);
	return parsed.success ? parsed.output : null;
}
