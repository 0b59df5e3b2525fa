/** Time zone names as people and browsers send them (pure; Temporal for the zone rules). */
import { Temporal } from 'temporal-polyfill';

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
