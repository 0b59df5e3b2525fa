import type * as v from 'valibot';
import { parseWith } from '../api/parse';
import type { FieldErrors } from '../domain/field-errors';
import { failure, ok, type Failure, type Result } from './errors';

/** A refused input as the one failure: the summary, and `fields` when fields were named. */
export function invalid(message: string, fields: FieldErrors): Failure {
	const named = Object.keys(fields).length > 0;
	return failure(
		'invalid-input',
		message,
		named ? { fields: fields as Record<string, string> } : {}
	);
}

/**
 * Untrusted input through a wire schema, refused as an endpoint refuses a body: for input that
 * does not come as a request body (a file inside an uploaded archive, a form action).
 */
export function parseInput<S extends v.GenericSchema>(
	schema: S,
	value: unknown
): Result<v.InferOutput<S>> {
	const parsed = parseWith(schema, value);
	return parsed.ok
		? ok(parsed.value)
		: { ok: false, error: invalid(parsed.message, parsed.fields) };
}
