/**
 * Turning untrusted input into typed values with a valibot schema. Used by the endpoint helper
 * for request bodies and query strings, and by the browser client for response bodies, so both
 * sides read the wire through the same schemas.
 */

import * as v from 'valibot';
import type { FieldErrors } from '../domain/field-errors';

export type Parsed<T> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly message: string; readonly fields: FieldErrors };

/** The dotted key path of an issue (`lines.0.amount`), or '' for the value as a whole. */
function pathOf(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? [])
		.map((item) => item.key)
		.filter((key): key is string | number => typeof key === 'string' || typeof key === 'number')
		.join('.');
}

/**
 * Parses `value`; on failure the first issue's message is the one sentence for people, and every
 * issue under a key becomes that field's message (the first one wins per field).
 */
export function parseWith<S extends v.GenericSchema>(
	schema: S,
	value: unknown
): Parsed<v.InferOutput<S>> {
	const result = v.safeParse(schema, value);
	if (result.success) {
		return { ok: true, value: result.output };
	}
	const fields: FieldErrors = {};
	for (const issue of result.issues) {
		const key = pathOf(issue);
		if (key && fields[key] === undefined) {
			fields[key] = issue.message;
		}
	}
	return { ok: false, message: result.issues[0].message, fields };
}

/** URLSearchParams as a plain object (the last value of a repeated key wins) for a query schema. */
export function queryObject(params: URLSearchParams): Record<string, string> {
	return Object.fromEntries(params.entries());
}
