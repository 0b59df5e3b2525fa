/** Expected write failures, as data. The UI maps them to messages in one place. */
export type DocError =
	// The input breaks a rule of the schema (empty text, bad date, too long).
	| 'invalid-input'
	// The note, comment, goal or session does not exist on this replica (perhaps deleted remotely).
	| 'not-found'
	// The writer may not do this: moving someone else's note to the trash.
	| 'forbidden';

export type WriteResult<T = null> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly error: DocError; readonly message: string };

export function done<T>(value: T): WriteResult<T> {
	return { ok: true, value };
}

export function refused<T = never>(error: DocError, message: string): WriteResult<T> {
	return { ok: false, error, message };
}
