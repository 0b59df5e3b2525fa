import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, minutesOf, type Availability, type Interval } from '../../domain/scheduling';

export interface TimeRange {
	readonly startsAt: number;
	readonly endsAt: number;
}

export interface SlotQuery {
	readonly availability: Availability;
	readonly sessionMinutes: number;
	/** List slots starting in [from, to), epoch ms. */
	readonly from: number;
	readonly to: number;
	readonly now: number;
	/** The coach's confirmed bookings (any client): a slot must keep the buffer from each. */
	readonly busy: readonly TimeRange[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The weekly hours of that date, unless an override (or day off) replaces them. */
function intervalsOn(availability: Availability, date: Temporal.PlainDate): readonly Interval[] {
	const iso = date.toString();
	const override = availability.overrides.find((o) => o.date === iso);
	if (override) {
		return override.intervals;
	}
	// Temporal numbers Monday 1 … Sunday 7, WEEKDAYS starts at Monday.
	return availability.weekly[WEEKDAYS[date.dayOfWeek - 1]!];
}

/**
 * Wall-clock starts inside one range, each turned into an instant in the coach's zone. A start
 * that falls into a DST gap does not exist that day and is skipped (not moved onto the next
 * slot's time); an ambiguous start in the repeated hour is taken once, at its first occurrence.
 * So a DST change can neither shift a slot nor produce it twice.
 */
function startsInRange(options: {
	date: Temporal.PlainDate;
	interval: Interval;
	zone: string;
	sessionMinutes: number;
	stepMinutes: number;
}): number[] {
	const { date, interval, zone, sessionMinutes, stepMinutes } = options;
	const first = minutesOf(interval.start) ?? 0;
	const last = minutesOf(interval.end) ?? 0;
	const starts: number[] = [];
	for (let m = first; m + sessionMinutes <= last; m += stepMinutes) {
		const wall = date.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
		const zoned = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
		if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), wall) !== 0) {
			continue;
		}
		starts.push(zoned.epochMilliseconds);
	}
	return starts;
}

function overlapsBusy(slot: TimeRange, busy: readonly TimeRange[], bufferMs: number): boolean {
	return busy.some(
		(b) => slot.startsAt < b.endsAt + bufferMs && slot.endsAt > b.startsAt - bufferMs
	);
}

/**
 * Open slots of a coach, oldest first: their weekly hours (or date overrides) in their own zone,
 * at least `minNoticeMinutes` from now, at most `maxDaysAhead` days ahead, clear of existing
 * bookings by the buffer. Slots follow each other at session length plus buffer.
 */
export function computeSlots(query: SlotQuery): TimeRange[] {
	const { availability: a, sessionMinutes } = query;
	const earliest = Math.max(query.from, query.now + a.minNoticeMinutes * MINUTE);
	const latest = Math.min(query.to, query.now + a.maxDaysAhead * DAY);
	if (earliest >= latest || sessionMinutes <= 0) {
		return [];
	}
	const zone = a.timeZone;
	const lastDate = Temporal.Instant.fromEpochMilliseconds(latest)
		.toZonedDateTimeISO(zone)
		.toPlainDate();
	let date = Temporal.Instant.fromEpochMilliseconds(earliest)
		.toZonedDateTimeISO(zone)
		.toPlainDate();
	const slots: TimeRange[] = [];
	const bufferMs = a.bufferMinutes * MINUTE;
	for (; Temporal.PlainDate.compare(date, lastDate) <= 0; date = date.add({ days: 1 })) {
		for (const interval of intervalsOn(a, date)) {
			const starts = startsInRange({
				date,
				interval,
				zone,
				sessionMinutes,
				stepMinutes: sessionMinutes + a.bufferMinutes
			});
			for (const startsAt of starts) {
				const slot = { startsAt, endsAt: startsAt + sessionMinutes * MINUTE };
				if (
					startsAt >= earliest &&
					startsAt < latest &&
					!overlapsBusy(slot, query.busy, bufferMs)
				) {
					slots.push(slot);
				}
			}
		}
	}
	return slots.sort((x, y) => x.startsAt - y.startsAt);
}

/** [start of `fromDate`, start of `fromDate + days`) in `zone`, as epoch ms. */
export function dayWindow(
	fromDate: string,
	days: number,
	zone: string
): { from: number; to: number } {
	const start = Temporal.PlainDate.from(fromDate);
	return {
		from: start.toZonedDateTime({ timeZone: zone }).epochMilliseconds,
		to: start.add({ days }).toZonedDateTime({ timeZone: zone }).epochMilliseconds
	};
}

/** Today's date in a zone, YYYY-MM-DD. */
export function todayIn(zone: string, now: number): string {
	return Temporal.Instant.fromEpochMilliseconds(now)
		.toZonedDateTimeISO(zone)
		.toPlainDate()
		.toString();
}
