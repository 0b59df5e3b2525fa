import type { Booking } from '../../api/scheduling';
import type { BookingKind, Weekday } from '../../domain/scheduling';

/**
 * The scheduling screens' own shapes: the availability draft the editor changes, and a booking
 * as an upcoming list shows it. The wire types (slots, bookings) are src/lib/api/scheduling.ts.
 */

export { BOOKING_KINDS, WEEKDAYS, type BookingKind, type Weekday } from '../../domain/scheduling';

/*
 * The availability as the editor changes it: the domain's shapes without `readonly`, because the
 * form edits a draft in place (push a range, change a time) before saving it whole.
 */

/** Wall-clock times in the coach's zone, "HH:MM", start before end. */
export interface Interval {
	start: string;
	end: string;
}

/** YYYY-MM-DD in the coach's zone with its own hours; no intervals is a day off. */
export interface DateOverride {
	date: string;
	intervals: Interval[];
}

export interface Availability {
	timeZone: string;
	weekly: Record<Weekday, Interval[]>;
	bufferMinutes: number;
	minNoticeMinutes: number;
	maxDaysAhead: number;
	cancelNoticeHours: number;
	overrides: DateOverride[];
}

/** What an upcoming list needs of a booking, whether it came from the API or the sub: doc. */
export interface BookingItem {
	id: string;
	engagementId: string;
	startsAt: number;
	endsAt: number;
	kind: BookingKind;
	status: 'confirmed' | 'cancelled';
	/** The other person, from the viewer's side (the client's name for a coach). */
	withName: string;
	phone: string | null;
}

export function emptyAvailability(timeZone: string): Availability {
	const hours = [{ start: '09:00', end: '17:00' }];
	return {
		timeZone,
		weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
		bufferMinutes: 0,
		minNoticeMinutes: 60,
		maxDaysAhead: 30,
		cancelNoticeHours: 24,
		overrides: []
	};
}

export function toItem(booking: Booking, viewer: 'coach' | 'client'): BookingItem {
	return {
		id: booking.id,
		engagementId: booking.engagementId,
		startsAt: Date.parse(booking.startsAt),
		endsAt: Date.parse(booking.endsAt),
		kind: booking.kind,
		status: booking.status,
		withName: viewer === 'coach' ? booking.client.name : booking.coach.name,
		phone: booking.client.phone
	};
}
