/**
 * Times for people, always in the viewer's own zone. Zone rules come from Temporal (the
 * polyfill) and Intl, never from hand-written offset arithmetic: offsets change with daylight
 * saving, and a day is not always 24 hours long. Pure functions, so they are unit-tested.
 */
import { Temporal } from 'temporal-polyfill';
import { START_WINDOW_MINUTES } from '../../domain/scheduling';

/** The coach may open the call this long before the start; the client's Join opens with it. */
export const START_EARLY_MS = START_WINDOW_MINUTES * 60_000;

export type AgendaView = 'day' | 'week';

export interface DayGroup<T> {
	/** YYYY-MM-DD in the viewer's zone. */
	date: string;
	items: T[];
}

/** The zone this browser is set to (the default for availability and the slot picker). */
export function viewerZone(): string {
	return Temporal.Now.timeZoneId();
}

/** Every zone the browser knows, the given one included even if Intl leaves it out (UTC). */
export function timeZones(current: string): string[] {
	const known = Intl.supportedValuesOf('timeZone');
	return known.includes(current) ? known : [current, ...known];
}

const zoned = (ms: number, zone: string) =>
	Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);

/** The calendar date of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
	return zoned(ms, zone).toPlainDate().toString();
}

/** "HH:MM" wall-clock time of an instant in a zone (24-hour, for inputs and tests). */
export function wallTime(ms: number, zone: string): string {
	return zoned(ms, zone).toPlainTime().toString({ smallestUnit: 'minute' });
}

export function todayIn(zone: string, now = Date.now()): string {
	return localDate(now, zone);
}

/** The date `days` days after (or before, negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
	return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The last date, in the viewer's zone, on which the coach's horizon still offers slots. */
export function horizonDate(maxDaysAhead: number, zone: string, now = Date.now()): string {
	return localDate(now + maxDaysAhead * 86_400_000, zone);
}

export function formatTime(ms: number, zone: string, locale?: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: zone,
		hour: 'numeric',
		minute: '2-digit'
	}).format(ms);
}

/** "Monday, 3 March" for a plain date (a date has no zone; it is already the viewer's day). */
export function formatDate(date: string, locale?: string): string {
	return Temporal.PlainDate.from(date).toLocaleString(locale, {
		weekday: 'long',
		month: 'long',
		day: 'numeric'
	});
}

/** "Monday, 3 March, 10:00 – 11:00" in the viewer's zone. */
export function formatWhen(
	booking: { startsAt: number; endsAt: number },
	zone: string,
	locale?: string
): string {
	const day = formatDate(localDate(booking.startsAt, zone), locale);
	const from = formatTime(booking.startsAt, zone, locale);
	return `${day}, ${from} – ${formatTime(booking.endsAt, zone, locale)}`;
}

/** Items grouped by their local day in the zone, days in time order, items kept in order. */
export function groupByDay<T>(
	items: readonly T[],
	startOf: (item: T) => number,
	zone: string
): DayGroup<T>[] {
	const groups = new Map<string, T[]>();
	const sorted = [...items].sort((a, b) => startOf(a) - startOf(b));
	for (const item of sorted) {
		const date = localDate(startOf(item), zone);
		const group = groups.get(date);
		if (group) {
			group.push(item);
		} else {
			groups.set(date, [item]);
		}
	}
	return [...groups].map(([date, grouped]) => ({ date, items: grouped }));
}

/** The dates an agenda shows: the anchor day, or its week from Monday to Sunday. */
export function agendaDates(view: AgendaView, anchor: string): string[] {
	const day = Temporal.PlainDate.from(anchor);
	if (view === 'day') {
		return [day.toString()];
	}
	const monday = day.subtract({ days: day.dayOfWeek - 1 });
	return Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString());
}

/** The instants that bound an agenda view in a zone: [start of first day, start of the next after the last). */
export function agendaRange(view: AgendaView, anchor: string, zone: string) {
	const dates = agendaDates(view, anchor);
	const first = Temporal.PlainDate.from(dates[0]!);
	const after = Temporal.PlainDate.from(dates[dates.length - 1]!).add({ days: 1 });
	const start = (d: Temporal.PlainDate) => d.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
	return { from: start(first), to: start(after) };
}

/** Every day of the view with the bookings that start on it (empty days included). */
export function bucketAgenda<T>(options: {
	view: AgendaView;
	anchor: string;
	zone: string;
	items: readonly T[];
	startOf: (item: T) => number;
}): DayGroup<T>[] {
	const byDay = new Map(
		groupByDay(options.items, options.startOf, options.zone).map((g) => [g.date, g.items])
	);
	return agendaDates(options.view, options.anchor).map((date) => ({
		date,
		items: byDay.get(date) ?? []
	}));
}

/** The next or previous day or week. */
export function shiftAnchor(anchor: string, view: AgendaView, direction: 1 | -1): string {
	const step = view === 'day' ? { days: direction } : { weeks: direction };
	return Temporal.PlainDate.from(anchor).add(step).toString();
}

export type CallWindow = 'later' | 'open' | 'over';

/** Whether Start/Join is offered: from ten minutes before the start until the booked end. */
export function callWindow(booking: { startsAt: number; endsAt: number }, now: number): CallWindow {
	if (now < booking.startsAt - START_EARLY_MS) {
		return 'later';
	}
	return now < booking.endsAt ? 'open' : 'over';
}
