/**
 * Field builders for request schemas whose rules live in src/lib/domain: the domain function
 * keeps its sentence, the schema only decides where it runs. Missing keys go through the same
 * rule as bad ones (an absent name is "Enter your name.", not valibot's "Invalid key").
 */

import * as v from 'valibot';

/**
 * Text checked by a domain rule: anything but a string reads as '' so the rule names what is
 * missing; `normalize` runs first (trim, lower-case) and its result is the parsed value.
 */
export function ruledText(
	problem: (value: string) => string | null,
	normalize: (value: string) => string = (value) => value
) {
	return v.optional(
		v.pipe(
			v.unknown(),
			v.transform((value) => normalize(typeof value === 'string' ? value : '')),
			v.check(
				(value) => problem(value) === null,
				(issue) => problem(issue.input as string) ?? ''
			)
		),
		''
	);
}

/** A value parsed by a domain parser (`{ ok, value } | { ok: false, problem }`). */
export function domainValue<T>(
	parse: (
		input: unknown
	) => { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string }
) {
	return v.pipe(
		v.unknown(),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const parsed = parse(dataset.value);
			if (!parsed.ok) {
				addIssue({ message: parsed.problem });
				return NEVER;
			}
			return parsed.value;
		})
	);
}

/** A JSON object, not an array or null: anything else is refused with `message`. */
export function jsonObject<E extends v.ObjectEntries>(entries: E, message: string) {
	return v.pipe(
		v.unknown(),
		v.check(
			(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
			message
		),
		v.object(entries, message)
	);
}
