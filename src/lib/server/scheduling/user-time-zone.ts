/**
 * The zone a user's browser reports (`users.time_zone`, migration 13), so emails to a client
 * show times where the client is even when the coach booked. Thin over one column, like
 * PhoneService: routes construct it per request from the shared database handle.
 */
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db';
import { err, ok, type Result } from '../errors';

const PROBLEM = 'Send { "timeZone": "<IANA zone>" }, e.g. { "timeZone": "Europe/Berlin" }.';

/**
 * The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or null. Offsets
 * ("+02:00") are refused: they do not follow daylight saving, so they would be wrong half the year.
 */
export function canonicalZone(value: unknown): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
		return null;
	}
	if (!/^[A-Za-z]/.test(value)) {
		return null;
	}
	try {
		return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(value).timeZoneId;
	} catch {
		return null;
	}
}

export function parseTimeZoneBody(body: unknown): Result<string> {
	const value =
		typeof body === 'object' && body !== null && 'timeZone' in body ? body.timeZone : undefined;
	const zone = canonicalZone(value);
	return zone === null ? err('invalid-input', PROBLEM) : ok(zone);
}

export class UserTimeZones {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	of(userId: string): string | null {
		const row = this.#db.prepare('SELECT time_zone FROM users WHERE id = ?').get(userId) as
			{ time_zone: string | null } | undefined;
		return row?.time_zone ?? null;
	}

	/**
	 * Stores the zone; true if it changed. Browsers report it once per session, so the same
	 * value again writes nothing (no WAL churn per sign-in).
	 */
	set(userId: string, zone: string): boolean {
		return (
			this.#db
				.prepare('UPDATE users SET time_zone = ? WHERE id = ? AND time_zone IS NOT ?')
				.run(zone, userId, zone).changes === 1
		);
	}
}
