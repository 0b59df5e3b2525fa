/**
 * Scheduling rules shared by the server (the authority) and the browser (which shows the same
 * answers before asking): availability shape and validation, what a booking counts against, the
 * notice policy and when a session may be started or joined. Pure: no clock, no zones database.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BOOKING_KINDS = ['video', 'audio', 'phone'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];

export const BOOKING_STATUSES = ['confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Wall-clock times in the coach's zone, "HH:MM", start before end, within one day. */
export interface Interval {
	readonly start: string;
	readonly end: string;
}

/** A date (YYYY-MM-DD in the coach's zone) with its own hours; no intervals = a day off. */
export interface DateOverride {
	readonly date: string;
	readonly intervals: readonly Interval[];
}

export interface Availability {
	readonly timeZone: string;
	readonly weekly: Readonly<Record<Weekday, readonly Interval[]>>;
	readonly bufferMinutes: number;
	readonly minNoticeMinutes: number;
	readonly maxDaysAhead: number;
	readonly cancelNoticeHours: number;
	readonly overrides: readonly DateOverride[];
}

/** The coach starts the call this long before the booked time (and the client may join). */
export const START_WINDOW_MINUTES = 10;
export const DEFAULT_SESSION_MINUTES = 60;

export const LIMITS = {
	bufferMinutes: 240,
	minNoticeMinutes: 14 * 24 * 60,
	maxDaysAhead: 365,
	cancelNoticeHours: 14 * 24,
	intervalsPerDay: 12,
	overrides: 400
} as const;

/** A coach who never saved availability: no open hours, so clients see no slots yet. */
export function defaultAvailability(timeZone = 'UTC'): Availability {
	return {
		timeZone,
		weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
		bufferMinutes: 0,
		minNoticeMinutes: 12 * 60,
		maxDaysAhead: 60,
		cancelNoticeHours: 24,
		overrides: []
	};
}

export function isBookingKind(value: unknown): value is BookingKind {
	return (BOOKING_KINDS as readonly unknown[]).includes(value);
}

/**
 * Sessions a client can still book: what the package has left minus the confirmed bookings not
 * yet in the ledger (upcoming ones), so a package of 6 never gets a seventh booking.
 */
export function bookableSessions(remaining: number, upcomingBookings: number): number {
	return Math.max(0, remaining - upcomingBookings);
}

/** Clients may cancel or move a booking only until `cancelNoticeHours` before it; coaches always. */
export function mayChangeBooking(input: {
	role: 'coach' | 'client';
	startsAt: number;
	now: number;
	cancelNoticeHours: number;
}): boolean {
	if (input.role === 'coach') {
		return true;
	}
	return input.now <= input.startsAt - input.cancelNoticeHours * 3_600_000;
}

/** "Start session" (coach) and "Join" (client) are offered from ten minutes before until the end. */
export function isInStartWindow(booking: { startsAt: number; endsAt: number }, now: number) {
	return now >= booking.startsAt - START_WINDOW_MINUTES * 60_000 && now < booking.endsAt;
}

/** Minutes since midnight of an "HH:MM" string, or null when it is not one (24:00 = end of day). */
export function minutesOf(time: string): number | null {
	const match = /^(\d\d):(\d\d)$/.exec(time);
	if (!match) {
		return null;
	}
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
		return null;
	}
	return hours * 60 + minutes;
}

/** The first problem with one day's intervals (order, overlap, format), or null. */
export function intervalsProblem(intervals: readonly Interval[]): string | null {
	if (intervals.length > LIMITS.intervalsPerDay) {
		return `At most ${LIMITS.intervalsPerDay} time ranges per day.`;
	}
	const ranges: [number, number][] = [];
	for (const interval of intervals) {
		const start = minutesOf(interval.start);
		const end = minutesOf(interval.end);
		if (start === null || end === null) {
			return 'Times must look like 09:00 (24-hour clock).';
		}
		if (end <= start) {
			return `A range must end after it starts (${interval.start}–${interval.end}).`;
		}
		ranges.push([start, end]);
	}
	ranges.sort((a, b) => a[0] - b[0]);
	for (let i = 1; i < ranges.length; i++) {
		if (ranges[i]![0] < ranges[i - 1]![1]) {
			return 'Time ranges on one day must not overlap.';
		}
	}
	return null;
}

/** Whether a string is a real calendar date YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d\d-\d\d$/.test(value)) {
		return false;
	}
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return value.length > 0 && value.length < 64;
	} catch {
		return false;
	}
}
