/**
 * The availability's booking rules (buffer, notice, horizon, cancellation notice), each with the
 * sentence the editor and the API's 400 show. The shape of the whole object is the wire schema's
 * (src/lib/api/scheduling.ts), which plugs these rules in field by field.
 */
import { LIMITS } from './scheduling';
import type { FieldErrors } from './field-errors';

export const AVAILABILITY_NUMBER_FIELDS = [
	'bufferMinutes',
	'minNoticeMinutes',
	'maxDaysAhead',
	'cancelNoticeHours'
] as const;
export type AvailabilityNumberField = (typeof AVAILABILITY_NUMBER_FIELDS)[number];

const MIN: Record<AvailabilityNumberField, number> = {
	bufferMinutes: 0,
	minNoticeMinutes: 0,
	maxDaysAhead: 1,
	cancelNoticeHours: 0
};

/** One sentence per booking rule, named as the editor labels it; the API's 400 says the same. */
export const AVAILABILITY_MESSAGES: Record<AvailabilityNumberField, string> = {
	bufferMinutes: `Buffer between sessions: a whole number of minutes from 0 to ${LIMITS.bufferMinutes}.`,
	minNoticeMinutes: `Minimum notice: a whole number of minutes from 0 to ${LIMITS.minNoticeMinutes}.`,
	maxDaysAhead: `Days ahead: a whole number from 1 to ${LIMITS.maxDaysAhead}.`,
	cancelNoticeHours: `Cancel or move until: a whole number of hours from 0 to ${LIMITS.cancelNoticeHours}.`
};

/** Whether `value` is a whole number within the rule's range. */
export function isAvailabilityNumber(key: AvailabilityNumberField, value: unknown): boolean {
	return (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= MIN[key] &&
		value <= LIMITS[key]
	);
}

/** Every booking rule that is out of range (or not a whole number), by field. */
export function availabilityNumberErrors(
	value: Partial<Record<AvailabilityNumberField, unknown>>
): FieldErrors<AvailabilityNumberField> {
	const errors: FieldErrors<AvailabilityNumberField> = {};
	for (const key of AVAILABILITY_NUMBER_FIELDS) {
		if (!isAvailabilityNumber(key, value[key])) {
			errors[key] = AVAILABILITY_MESSAGES[key];
		}
	}
	return errors;
}
