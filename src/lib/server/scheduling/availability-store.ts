import {
	defaultAvailability,
	type Availability,
	type DateOverride,
	type Interval,
	type Weekday
} from '../../domain/scheduling';
import type { Db } from '../db';

interface AvailabilityRow {
	time_zone: string;
	weekly: string;
	overrides: string;
	buffer_minutes: number;
	min_notice_minutes: number;
	max_days_ahead: number;
	cancel_notice_hours: number;
}

/**
 * One row per coach. The weekly hours and the overrides are JSON columns: they are always read
 * and written whole (one settings form), never queried by part.
 */
export class AvailabilityStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number) {
		this.#db = db;
		this.#now = now;
	}

	/** The coach's saved availability, or the default (no open hours) until they save one. */
	get(coachId: string): Availability {
		const row = this.#db
			.prepare('SELECT * FROM coach_availability WHERE coach_id = ?')
			.get(coachId) as AvailabilityRow | undefined;
		if (!row) {
			return defaultAvailability();
		}
		return {
			timeZone: row.time_zone,
			weekly: JSON.parse(row.weekly) as Record<Weekday, Interval[]>,
			overrides: JSON.parse(row.overrides) as DateOverride[],
			bufferMinutes: row.buffer_minutes,
			minNoticeMinutes: row.min_notice_minutes,
			maxDaysAhead: row.max_days_ahead,
			cancelNoticeHours: row.cancel_notice_hours
		};
	}

	put(coachId: string, a: Availability): void {
		this.#db
			.prepare(
				`INSERT INTO coach_availability (coach_id, time_zone, weekly, overrides, buffer_minutes,
				 min_notice_minutes, max_days_ahead, cancel_notice_hours, updated_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (coach_id) DO UPDATE SET time_zone = excluded.time_zone,
				 weekly = excluded.weekly, overrides = excluded.overrides,
				 buffer_minutes = excluded.buffer_minutes, min_notice_minutes = excluded.min_notice_minutes,
				 max_days_ahead = excluded.max_days_ahead, cancel_notice_hours = excluded.cancel_notice_hours,
				 updated_at = excluded.updated_at`
			)
			.run(
				coachId,
				a.timeZone,
				JSON.stringify(a.weekly),
				JSON.stringify(a.overrides),
				a.bufferMinutes,
				a.minNoticeMinutes,
				a.maxDaysAhead,
				a.cancelNoticeHours,
				this.#now()
			);
	}
}
