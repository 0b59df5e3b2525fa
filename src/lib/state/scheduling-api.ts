/**
 * The scheduling screens' calls to the server, with every failure turned into data. Unlike
 * the generic `requestJson`, this keeps the server's error code, because the screens react to
 * specific ones (a slot just taken refreshes the list). The words people read for each code are
 * chosen here, in one place.
 */

import { readFieldErrors, type FieldErrors } from '../domain/field-errors';
import type { Booking, BookingKind, SlotList } from './scheduling-types';

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

// Shared by every scheduling request (bookings, the calendar link, availability), so it names none.
export const OFFLINE_MESSAGE = 'You are offline. This needs a connection to the server.';

const MESSAGES: Partial<Record<SchedulingProblem, string>> = {
	'slot-taken': 'This time was just taken. Pick another.',
	'no-sessions-left':
		'There are no sessions left in this package, so no new session can be booked.',
	'self-booking-off': 'Your coach books your sessions.',
	'too-late': 'This session is too close to change here. Please message your coach.',
	offline: OFFLINE_MESSAGE
};

const KNOWN: readonly SchedulingProblem[] = [
	'slot-taken',
	'no-sessions-left',
	'self-booking-off',
	'too-late'
];

/** Reads both error shapes the API may use: `{error: "msg", code}` and `{error: {code, message}}`. */
function readError(body: unknown): { code: string; message: string } {
	const record = (body ?? {}) as { error?: unknown; code?: unknown; fields?: unknown };
	if (record.error && typeof record.error === 'object') {
		const nested = record.error as { code?: unknown; message?: unknown };
		return { code: String(nested.code ?? ''), message: String(nested.message ?? '') };
	}
	return { code: String(record.code ?? ''), message: String(record.error ?? '') };
}

export function problemOf(code: string, message: string): SchedulingResult<never> {
	const problem = (KNOWN as readonly string[]).includes(code)
		? (code as SchedulingProblem)
		: 'refused';
	return { ok: false, problem, message: MESSAGES[problem] ?? message };
}

const offline = (): SchedulingResult<never> => ({
	ok: false,
	problem: 'offline',
	message: OFFLINE_MESSAGE
});

export async function schedulingRequest<T>(
	path: string,
	request: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown } = {}
): Promise<SchedulingResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: request.method ?? 'GET',
			headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
			body: request.body === undefined ? undefined : JSON.stringify(request.body)
		});
	} catch {
		return offline();
	}
	// A restarting server or the service worker's offline answer: as good as no answer.
	if (response.status >= 502 && response.status <= 504) {
		return offline();
	}
	let body: unknown = null;
	try {
		body = await response.json();
	} catch {
		// Not JSON (a proxy page): handled below by status.
	}
	if (!response.ok) {
		const { code, message } = readError(body);
		const refused = problemOf(
			code,
			message || `The server could not do that (${response.status}).`
		);
		const fields = readFieldErrors((body as { fields?: unknown } | null)?.fields);
		return !refused.ok && Object.keys(fields).length > 0 ? { ...refused, fields } : refused;
	}
	return { ok: true, data: body as T };
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
		body
	});
}

export function cancelBooking(id: string): Promise<SchedulingResult<{ booking: Booking }>> {
	return schedulingRequest(`/api/bookings/${enc(id)}/cancel`, { method: 'POST', body: {} });
}

export function rescheduleBooking(
	id: string,
	startsAt: string,
	timeZone: string
): Promise<SchedulingResult<{ booking: Booking }>> {
	return schedulingRequest(`/api/bookings/${enc(id)}/reschedule`, {
		method: 'POST',
		body: { startsAt, timeZone }
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
		`/api/engagements/${enc(engagementId)}/slots?from=${from}&days=${days}&timeZone=${enc(zone)}`
	);
}

export function listBookingsBetween(
	from: number,
	to: number
): Promise<SchedulingResult<{ bookings: Booking[] }>> {
	const iso = (ms: number) => enc(new Date(ms).toISOString());
	return schedulingRequest(`/api/bookings?from=${iso(from)}&to=${iso(to)}`);
}

/** The slots list's `reason` for not booking, whether the server sent a code or a sentence. */
export function reasonText(reason: string | undefined): string {
	if (!reason) {
		return 'Booking is not possible right now.';
	}
	return MESSAGES[reason as SchedulingProblem] ?? reason;
}
