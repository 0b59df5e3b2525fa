import * as v from 'valibot';

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A body that must be a JSON object (not an array, not a bare value), refused with `message`.
 * valibot's `object` lets arrays through to its entries, which would answer "[]" with a field
 * message instead of saying what to send; put this first in a pipe.
 */
export const jsonObject = (message: string) =>
	v.custom<Record<string, unknown>>(isJsonObject, message);
