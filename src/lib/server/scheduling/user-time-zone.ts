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
 * ICU, and so browsers' Intl, still calls some zones by the names IANA retired when the places
 * were renamed (Chromium reports Kolkata as "Asia/Calcutta"). People read the zone in emails and
 * on the coach's screen, so the current name is stored. The rules are the same either way.
 */
const RENAMED: Readonly<Record<string, string>> = {
	'Asia/Calcutta': 'Asia/Kolkata',
	'Asia/Saigon': 'Asia/Ho_Chi_Minh',
	'Asia/Katmandu': 'Asia/Kathmandu',
	'Asia/Rangoon': 'Asia/Yangon',
	'Europe/Kiev': 'Europe/Kyiv',
	'Atlantic/Faeroe': 'Atlantic/Faroe',
	'America/Godthab': 'America/Nuuk',
	'Pacific/Enderbury': 'Pacific/Kanton'
};

/**
 * The zone's current IANA name ("europe/berlin" → "Europe/Berlin", "Asia/Calcutta" →
 * "Asia/Kolkata"), or null. Offsets ("+02:00") are refused: they do not follow daylight saving,
 * so they would be wrong half the year.
 */
export function canonicalZone(value: unknown): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
		return null;
	}
	if (!/^[A-Za-z]/.test(value)) {
		return null;
	}
	try {
		const id = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(value).timeZoneId;
		const renamed = RENAMED[id];
		// The current name is only used where this runtime knows it too.
		return renamed && canResolve(renamed) ? renamed : id;
	} catch {
		return null;
	}
}

function canResolve(zone: string): boolean {
	try {
		Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
		return true;
	} catch {
		return false;
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
