/**
 * The scheduling half of the HTTP contract: what the availability, slot and booking endpoints
 * accept (valibot schemas, parsed by the endpoint helper) and what they answer (read by the
 * browser). Instants travel as ISO-8601 strings with a zone; zones are IANA names.
 */

import * as v from 'valibot';
import {
	AVAILABILITY_MESSAGES,
	AVAILABILITY_NUMBER_FIELDS,
	isAvailabilityNumber,
	type AvailabilityNumberField
} from '../domain/scheduling-availability';
import {
	BOOKING_KINDS,
	BOOKING_STATUSES,
	LIMITS,
	WEEKDAYS,
	intervalsProblem,
	isIsoDate,
	isTimeZone,
	type Availability,
	type Interval,
	type Weekday
} from '../domain/scheduling';
import { keyedMessages } from './keyed-messages';

const ZONE_MESSAGE = '"timeZone" must be an IANA zone such as "Europe/Berlin".';

const zone = (message = ZONE_MESSAGE) => v.pipe(v.string(message), v.check(isTimeZone, message));

/** An ISO-8601 instant with an explicit offset or Z, as epoch ms. */
const instant = (message: string) =>
	v.pipe(
		v.string(message),
		v.regex(/(Z|[+-]\d\d:\d\d)$/, message),
		v.transform((text) => Date.parse(text)),
		v.check((ms) => Number.isFinite(ms), message)
	);

/* ---- availability (GET/PUT /api/availability) ---- */

/** A day's ranges; `where` names the day in the message ("weekly.mon", "The override of …"). */
function intervals(where: string) {
	const shape = `${where} must be a list of { "start": "09:00", "end": "17:00" }.`;
	return v.pipe(
		v.nullish(
			v.array(v.object({ start: v.string(shape), end: v.string(shape) }, shape), shape),
			[]
		),
		v.check(
			(list: Interval[]) => intervalsProblem(list) === null,
			(issue) => `${where}: ${intervalsProblem(issue.input as Interval[])}`
		)
	);
}

const WEEKLY_MESSAGE = '"weekly" must map mon…sun to lists of time ranges.';

const weekly = v.object(
	Object.fromEntries(WEEKDAYS.map((day) => [day, intervals(`"weekly.${day}"`)])) as Record<
		Weekday,
		ReturnType<typeof intervals>
	>,
	WEEKLY_MESSAGE
);

const OVERRIDE_DATE_MESSAGE = 'Each override needs a "date" like 2026-03-29.';
const OVERRIDES_MESSAGE = `"overrides" must be a list of at most ${LIMITS.overrides} { "date", "intervals" }.`;

const override = v.pipe(
	v.object(
		{
			date: v.pipe(v.string(OVERRIDE_DATE_MESSAGE), v.check(isIsoDate, OVERRIDE_DATE_MESSAGE)),
			intervals: v.optional(v.unknown())
		},
		OVERRIDE_DATE_MESSAGE
	),
	// The message names the date, so the ranges are read once the date is known.
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const { date } = dataset.value;
		const read = v.safeParse(intervals(`The override of ${date}`), dataset.value.intervals);
		if (!read.success) {
			addIssue({ message: read.issues[0].message });
			return NEVER;
		}
		return { date, intervals: read.output };
	})
);

const overrides = v.nullish(
	v.pipe(
		v.array(override, OVERRIDES_MESSAGE),
		v.maxLength(LIMITS.overrides, OVERRIDES_MESSAGE),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) {
				return;
			}
			const seen = new Set<string>();
			for (const { date } of dataset.value) {
				if (seen.has(date)) {
					addIssue({ message: `${date} appears twice in the overrides.` });
					return;
				}
				seen.add(date);
			}
		}),
		v.transform((list) => [...list].sort((a, b) => a.date.localeCompare(b.date)))
	),
	[]
);

const bookingRule = (key: AvailabilityNumberField) =>
	v.custom<number>((n) => isAvailabilityNumber(key, n), AVAILABILITY_MESSAGES[key]);

/**
 * The coach's availability as PUT sends it. Each booking rule is refused on its own field (the
 * editor marks them all at once); the first broken rule, in this order, is the one sentence.
 * Weekdays left out are closed; overrides come back sorted by date.
 */
export const availabilitySchema = v.object(
	{
		timeZone: zone(),
		...(Object.fromEntries(AVAILABILITY_NUMBER_FIELDS.map((key) => [key, bookingRule(key)])) as {
			[K in AvailabilityNumberField]: ReturnType<typeof bookingRule>;
		}),
		weekly,
		overrides
	},
	keyedMessages(
		{ timeZone: ZONE_MESSAGE, ...AVAILABILITY_MESSAGES, weekly: WEEKLY_MESSAGE },
		'Send the availability as a JSON object.'
	)
) satisfies v.GenericSchema<unknown, Availability>;

/* ---- slots and bookings ---- */

export const MAX_SLOT_DAYS = 62;

const FROM_DATE_MESSAGE = '"from" must be a date like 2026-03-30.';
const DAYS_MESSAGE = `"days" must be a whole number from 1 to ${MAX_SLOT_DAYS}.`;

/**
 * `GET /api/engagements/:id/slots?from=YYYY-MM-DD&days=N&timeZone=<zone>`: the days are counted
 * in `timeZone` (null: the coach's), from `from` (null: today there).
 */
export const slotQuerySchema = v.pipe(
	v.object({
		from: v.optional(v.pipe(v.string(), v.check(isIsoDate, FROM_DATE_MESSAGE))),
		days: v.optional(
			v.pipe(
				v.string(),
				v.transform(Number),
				v.check((n) => Number.isInteger(n) && n >= 1 && n <= MAX_SLOT_DAYS, DAYS_MESSAGE)
			),
			'7'
		),
		timeZone: v.optional(zone())
	}),
	v.transform(({ from, days, timeZone }) => ({
		from: from ?? null,
		days,
		timeZone: timeZone ?? null
	}))
);
export type SlotQuery = v.InferOutput<typeof slotQuerySchema>;

const RANGE_MESSAGE = '"from" and "to" must be ISO times with a zone, "from" before "to".';

/** `GET /api/bookings?from=ISO&to=ISO`: either end may be left out (the server's defaults). */
export const bookingRangeQuerySchema = v.object({
	from: v.optional(instant(RANGE_MESSAGE)),
	to: v.optional(instant(RANGE_MESSAGE))
});
export type BookingRangeQuery = v.InferOutput<typeof bookingRangeQuerySchema>;
export { RANGE_MESSAGE as BOOKING_RANGE_MESSAGE };

const STARTS_AT_MESSAGE = '"startsAt" must be an ISO time with a zone, e.g. 2026-03-30T08:00:00Z.';
const KIND_MESSAGE = '"kind" must be "video", "audio" or "phone".';

/** `POST /api/engagements/:id/bookings`. */
export const bookingRequestSchema = v.object(
	{
		startsAt: instant(STARTS_AT_MESSAGE),
		kind: v.picklist(BOOKING_KINDS, KIND_MESSAGE),
		timeZone: zone()
	},
	keyedMessages(
		{ startsAt: STARTS_AT_MESSAGE, kind: KIND_MESSAGE, timeZone: ZONE_MESSAGE },
		'Send { "startsAt", "kind", "timeZone" }.'
	)
);
export type BookingRequest = v.InferOutput<typeof bookingRequestSchema>;

const RESCHEDULE_MESSAGE = 'Send { "startsAt": "<ISO time>" }.';

/** `POST /api/bookings/:id/reschedule`: the new start; the zone stays the booking's if left out. */
export const rescheduleSchema = v.pipe(
	v.object(
		{ startsAt: instant(RESCHEDULE_MESSAGE), timeZone: v.optional(zone()) },
		RESCHEDULE_MESSAGE
	),
	v.transform(({ startsAt, timeZone }) => ({ startsAt, timeZone: timeZone ?? null }))
);
export type RescheduleRequest = v.InferOutput<typeof rescheduleSchema>;

const REASON_MESSAGE = '"reason" must be text of at most 1000 characters.';

/** `POST /api/bookings/:id/cancel`: an optional reason (blank is none). */
export const cancelSchema = v.pipe(
	v.object(
		{ reason: v.nullish(v.pipe(v.string(REASON_MESSAGE), v.maxLength(1000, REASON_MESSAGE))) },
		'Send { "reason"? } as a JSON object, or no body.'
	),
	v.transform(({ reason }) => ({ reason: reason?.trim() ? reason.trim() : null }))
);
export type CancelRequest = v.InferOutput<typeof cancelSchema>;

/* ---- answers ---- */

export const slotSchema = v.object({ startsAt: v.string(), endsAt: v.string() });
export type Slot = v.InferOutput<typeof slotSchema>;

/** `GET /api/engagements/:id/slots`. */
export const slotListSchema = v.object({
	timeZone: v.string(),
	sessionMinutes: v.number(),
	slots: v.array(slotSchema),
	canBook: v.boolean(),
	/** Why not (a scheduling code or a sentence) when `canBook` is false. */
	reason: v.optional(v.string()),
	/** The coach's horizon in days (bounds "Later dates"). */
	maxDaysAhead: v.number(),
	/** Until how many hours before a session the client may cancel or move it. */
	cancelNoticeHours: v.number(),
	/**
	 * Where the client is (their browser's last report), null until known: coaches see both.
	 * Always sent by this server; optional for answers from before it was added.
	 */
	clientTimeZone: v.optional(v.nullable(v.string()))
});
export type SlotList = v.InferOutput<typeof slotListSchema>;

/** A booking as every endpoint answers it (instants as ISO UTC). */
export const bookingSchema = v.object({
	id: v.string(),
	engagementId: v.string(),
	startsAt: v.string(),
	endsAt: v.string(),
	timeZone: v.string(),
	kind: v.picklist(BOOKING_KINDS),
	status: v.picklist(BOOKING_STATUSES),
	sequence: v.number(),
	coach: v.object({ id: v.string(), name: v.string() }),
	client: v.object({ id: v.string(), name: v.string(), phone: v.nullable(v.string()) })
});
export type Booking = v.InferOutput<typeof bookingSchema>;

export const bookingAnswerSchema = v.object({ booking: bookingSchema });
export const bookingListSchema = v.object({ bookings: v.array(bookingSchema) });

/**
 * `GET /api/calendar-feed` and its rotation: the private feed URL (revoking answers 204). This
 * server always sends the URL; an older one answered `url` null with `active` for a link it could
 * no longer show, and left `active` out before that.
 */
export const calendarFeedLinkSchema = v.object({
	url: v.nullable(v.string()),
	active: v.optional(v.boolean())
});
export type CalendarFeedLink = v.InferOutput<typeof calendarFeedLinkSchema>;
