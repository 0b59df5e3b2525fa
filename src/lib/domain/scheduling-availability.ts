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

export type AvailabilityParse =
	| { readonly ok: true; readonly value: Availability }
	| { readonly ok: false; readonly problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMBER_FIELDS = [
	['bufferMinutes', LIMITS.bufferMinutes],
	['minNoticeMinutes', LIMITS.minNoticeMinutes],
	['maxDaysAhead', LIMITS.maxDaysAhead],
	['cancelNoticeHours', LIMITS.cancelNoticeHours]
] as const;

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

function readNumbers(body: Record<string, unknown>): Record<string, number> | string {
	const out: Record<string, number> = {};
	for (const [key, max] of NUMBER_FIELDS) {
		const value = body[key];
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
			return `"${key}" must be a whole number from 0 to ${max}.`;
		}
		out[key] = value;
	}
	if (out.maxDaysAhead === 0) {
		return '"maxDaysAhead" must be at least 1.';
	}
	return out;
}

export function parseAvailability(body: unknown): AvailabilityParse {
	if (!isRecord(body)) {
		return { ok: false, problem: 'Send the availability as a JSON object.' };
	}
	if (typeof body.timeZone !== 'string' || !isTimeZone(body.timeZone)) {
		return { ok: false, problem: '"timeZone" must be an IANA zone such as "Europe/Berlin".' };
	}
	const weekly = readWeekly(body.weekly);
	const overrides = readOverrides(body.overrides ?? []);
	const numbers = readNumbers(body);
	for (const part of [weekly, overrides, numbers]) {
		if (typeof part === 'string') {
			return { ok: false, problem: part };
		}
	}
	const n = numbers as Record<string, number>;
	return {
		ok: true,
		value: {
			timeZone: body.timeZone,
			weekly: weekly as Record<Weekday, Interval[]>,
			overrides: overrides as DateOverride[],
			bufferMinutes: n.bufferMinutes!,
			minNoticeMinutes: n.minNoticeMinutes!,
			maxDaysAhead: n.maxDaysAhead!,
			cancelNoticeHours: n.cancelNoticeHours!
		}
	};
}
