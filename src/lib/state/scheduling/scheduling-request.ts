/**
 * The scheduling screens' calls to the server: thin typed functions over `apiRequest` (which
 * owns the request, the offline rule and the error body). What stays here is the screens' view
 * of a refusal: the scheduling codes they react to (a slot just taken refreshes the list), and
 * the words people read for each, chosen in one place.
 */

import * as v from 'valibot';
import { apiRequest, type ApiRequest, type ApiResult } from '../../api/client';
import {
	availabilitySchema,
	bookingAnswerSchema,
	bookingListSchema,
	calendarFeedLinkSchema,
	slotListSchema,
	type Booking,
	type CalendarFeedLink,
	type SlotList
} from '../../api/scheduling';
import type { BookingKind } from '../../domain/scheduling';
import type { FieldErrors } from '../../domain/field-errors';
import type { Availability } from './types';

export type SchedulingProblem =
	// Someone else booked the slot between listing and booking: the server is the authority.
	| 'slot-taken'
	// The package has no sessions left to book against.
	| 'no-sessions-left'
	// The client's package does not let them book; the coach books for them.
	| 'self-booking-off'
	// Cancelling or moving inside the coach's notice period (clients only).
	| 'too-late'
	// No answer from the server: booking needs a connection.
	| 'offline'
	// Anything else the server refused; its own message is shown.
	| 'refused';

export type SchedulingResult<T> =
	| { readonly ok: true; readonly data: T }
	| {
			readonly ok: false;
			readonly problem: SchedulingProblem;
			readonly message: string;
			/** A refused form (availability): each bad field with the server's own message. */
			readonly fields?: FieldErrors;
	  };

/** The scheduling codes' words; other refusals (and no answer) keep apiRequest's sentence. */
const MESSAGES: Partial<Record<SchedulingProblem, string>> = {
	'slot-taken': 'This time was just taken. Pick another.',
	'no-sessions-left':
		'There are no sessions left in this package, so no new session can be booked.',
	'self-booking-off': 'Your coach books your sessions.',
	'too-late': 'This session is too close to change here. Please message your coach.'
};

const KNOWN: readonly string[] = ['slot-taken', 'no-sessions-left', 'self-booking-off', 'too-late'];

/** An API outcome as the scheduling screens read it. */
export function schedulingOutcome<T>(result: ApiResult<T>): SchedulingResult<T> {
	if (result.ok) {
		return result;
	}
	const problem: SchedulingProblem = result.offline
		? 'offline'
		: KNOWN.includes(result.code)
			? (result.code as SchedulingProblem)
			: 'refused';
	const message = MESSAGES[problem] ?? result.error;
	return Object.keys(result.fields).length > 0
		? { ok: false, problem, message, fields: result.fields }
		: { ok: false, problem, message };
}

export async function schedulingRequest<T>(
	path: string,
	request: ApiRequest<T> = {}
): Promise<SchedulingResult<T>> {
	return schedulingOutcome(await apiRequest(path, request));
}

const enc = encodeURIComponent;

export function bookSlot(input: {
	engagementId: string;
	startsAt: string;
	kind: BookingKind;
	timeZone: string;
}): Promise<SchedulingResult<{ booking: Booking }>> {
	const { engagementId, ...body } = input;
	return schedulingRequest(`/api/engagements/${enc(engagementId)}/bookings`, {
		method: 'POST',
		body,
		schema: bookingAnswerSchema
	});
}

export function cancelBooking(id: string): Promise<SchedulingResult<{ booking: Booking }>> {
	return schedulingRequest(`/api/bookings/${enc(id)}/cancel`, {
		method: 'POST',
		body: {},
		schema: bookingAnswerSchema
	});
}

export function rescheduleBooking(
	id: string,
	startsAt: string,
	timeZone: string
): Promise<SchedulingResult<{ booking: Booking }>> {
	return schedulingRequest(`/api/bookings/${enc(id)}/reschedule`, {
		method: 'POST',
		body: { startsAt, timeZone },
		schema: bookingAnswerSchema
	});
}

/** Open slots for `days` days from `from`, both counted in the viewer's `zone`. */
export function listSlots(query: {
	engagementId: string;
	from: string;
	days: number;
	zone: string;
}): Promise<SchedulingResult<SlotList>> {
	const { engagementId, from, days, zone } = query;
	return schedulingRequest(
		`/api/engagements/${enc(engagementId)}/slots?from=${from}&days=${days}&timeZone=${enc(zone)}`,
		{ schema: slotListSchema }
	);
}

export function listBookingsBetween(
	from: number,
	to: number
): Promise<SchedulingResult<{ bookings: Booking[] }>> {
	const iso = (ms: number) => enc(new Date(ms).toISOString());
	return schedulingRequest(`/api/bookings?from=${iso(from)}&to=${iso(to)}`, {
		schema: bookingListSchema
	});
}

/** The coach's saved availability (a coach who never saved gets no hours, in UTC). */
export function loadAvailability(): Promise<SchedulingResult<{ availability: Availability }>> {
	return schedulingRequest('/api/availability', {
		schema: v.object({ availability: availabilitySchema })
	});
}

export function saveAvailability(
	availability: Availability
): Promise<SchedulingResult<{ availability: Availability }>> {
	return schedulingRequest('/api/availability', {
		method: 'PUT',
		body: availability,
		schema: v.object({ availability: availabilitySchema })
	});
}

/** The private calendar feed link; `rotate` replaces it (the old one stops working). */
export function calendarFeedLink(rotate = false): Promise<SchedulingResult<CalendarFeedLink>> {
	return schedulingRequest(rotate ? '/api/calendar-feed/rotate' : '/api/calendar-feed', {
		method: rotate ? 'POST' : 'GET',
		body: rotate ? {} : undefined,
		schema: calendarFeedLinkSchema
	});
}

/** The slots list's `reason` for not booking, whether the server sent a code or a sentence. */
export function reasonText(reason: string | undefined): string {
	if (!reason) {
		return 'Booking is not possible right now.';
	}
	return MESSAGES[reason as SchedulingProblem] ?? reason;
}
