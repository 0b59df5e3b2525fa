/**
 * Reads an availability object from untrusted JSON (the PUT body, or a form) into a checked
 * `Availability`, naming the first broken rule. Shared so the form can show the server's words.
 */
import {
	LIMITS,
	WEEKDAYS,
	intervalsProblem,
	isIsoDate,
	isTimeZone,
	type Availability,
	type DateOverride,
	type Interval,
	type Weekday
} from './scheduling';
import { firstFieldError, hasFieldErrors, type FieldErrors } from './field-errors';

export type AvailabilityParse =
	| { readonly ok: true; readonly value: Availability }
	| {
			readonly ok: false;
			readonly problem: string;
			readonly fields?: FieldErrors<AvailabilityNumberField>;
	  };

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** Every booking rule that is out of range (or not a whole number), by field. */
export function availabilityNumberErrors(
	value: Partial<Record<AvailabilityNumberField, unknown>>
): FieldErrors<AvailabilityNumberField> {
	const errors: FieldErrors<AvailabilityNumberField> = {};
	for (const key of AVAILABILITY_NUMBER_FIELDS) {
		const n = value[key];
		if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN[key] || n > LIMITS[key]) {
			errors[key] = AVAILABILITY_MESSAGES[key];
		}
	}
	return errors;
}

function readIntervals(value: unknown, where: string): Interval[] | string {
	if (!Array.isArray(value)) {
		return `${where} must be a list of { "start": "09:00", "end": "17:00" }.`;
	}
	const intervals: Interval[] = [];
	for (const item of value) {
		if (!isRecord(item) || typeof item.start !== 'string' || typeof item.end !== 'string') {
			return `${where} must be a list of { "start": "09:00", "end": "17:00" }.`;
		}
		intervals.push({ start: item.start, end: item.end });
	}
	const problem = intervalsProblem(intervals);
	return problem ? `${where}: ${problem}` : intervals;
}

function readWeekly(value: unknown): Record<Weekday, Interval[]> | string {
	if (!isRecord(value)) {
		return '"weekly" must map mon…sun to lists of time ranges.';
	}
	const weekly = {} as Record<Weekday, Interval[]>;
	for (const day of WEEKDAYS) {
		const intervals = readIntervals(value[day] ?? [], `"weekly.${day}"`);
		if (typeof intervals === 'string') {
			return intervals;
		}
		weekly[day] = intervals;
	}
	return weekly;
}

function readOverrides(value: unknown): DateOverride[] | string {
	if (!Array.isArray(value) || value.length > LIMITS.overrides) {
		return `"overrides" must be a list of at most ${LIMITS.overrides} { "date", "intervals" }.`;
	}
	const seen = new Set<string>();
	const overrides: DateOverride[] = [];
	for (const item of value) {
		if (!isRecord(item) || typeof item.date !== 'string' || !isIsoDate(item.date)) {
			return 'Each override needs a "date" like 2026-03-29.';
		}
		if (seen.has(item.date)) {
			return `${item.date} appears twice in the overrides.`;
		}
		seen.add(item.date);
		const intervals = readIntervals(item.intervals ?? [], `The override of ${item.date}`);
		if (typeof intervals === 'string') {
			return intervals;
		}
		overrides.push({ date: item.date, intervals });
	}
	return overrides.sort((a, b) => a.date.localeCompare(b.date));
}

export function parseAvailability(body: unknown): AvailabilityParse {
	if (!isRecord(body)) {
		return { ok: false, problem: 'Send the availability as a JSON object.' };
	}
	if (typeof body.timeZone !== 'string' || !isTimeZone(body.timeZone)) {
		return { ok: false, problem: '"timeZone" must be an IANA zone such as "Europe/Berlin".' };
	}
	const fields = availabilityNumberErrors(body);
	if (hasFieldErrors(fields)) {
		const problem = firstFieldError(fields, AVAILABILITY_NUMBER_FIELDS)!;
		return { ok: false, problem, fields };
	}
	const weekly = readWeekly(body.weekly);
	const overrides = readOverrides(body.overrides ?? []);
	for (const part of [weekly, overrides]) {
		if (typeof part === 'string') {
			return { ok: false, problem: part };
		}
	}
	const n = body as Record<AvailabilityNumberField, number>;
	return {
		ok: true,
		value: {
			timeZone: body.timeZone,
			weekly: weekly as Record<Weekday, Interval[]>,
			overrides: overrides as DateOverride[],
			bufferMinutes: n.bufferMinutes,
			minNoticeMinutes: n.minNoticeMinutes,
			maxDaysAhead: n.maxDaysAhead,
			cancelNoticeHours: n.cancelNoticeHours
		}
	};
}
