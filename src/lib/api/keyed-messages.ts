import type * as v from 'valibot';

/**
 * The message for a `v.object(entries, message)`: a missing key gets its field's own sentence,
 * anything else (not an object at all) `whole`. Valibot reports a missing key against the object
 * rather than the field's schema, so without this a missing field would not be named the way a
 * wrong one is.
 */
export function keyedMessages(
	messages: Readonly<Record<string, string>>,
	whole: string
): (issue: v.BaseIssue<unknown>) => string {
	return (issue) => {
		const key = issue.path?.[0]?.key;
		return (typeof key === 'string' ? messages[key] : undefined) ?? whole;
	};
}
