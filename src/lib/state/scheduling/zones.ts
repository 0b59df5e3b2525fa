import { Temporal } from 'temporal-polyfill';
import { isTimeZone } from '../../domain/scheduling';
import { timeZones } from './time';

export interface ZoneOption {
	value: string;
	/** "Europe/Berlin (UTC+01:00)": the offset right now, so a coach recognises their zone. */
	label: string;
}

/** "UTC+01:00" / "UTC-03:00" (right now: daylight saving changes it). */
export function zoneOffset(zone: string, now = Date.now()): string {
	const offset = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).offset;
	return `UTC${offset}`;
}

export function zoneLabel(zone: string, now = Date.now()): string {
	return `${zone} (${zoneOffset(zone, now)})`;
}

/**
 * Every zone the browser knows, labelled with its offset now; the browser's own zone first
 * (the likely answer), then the current choice, then the rest in Intl's order.
 */
export function zoneOptions(browserZone: string, current: string, now = Date.now()): ZoneOption[] {
	const first = [...new Set([browserZone, current])];
	const rest = timeZones(current).filter((zone) => !first.includes(zone));
	return [...first, ...rest]
		.filter((zone) => isTimeZone(zone))
		.map((zone) => ({ value: zone, label: zoneLabel(zone, now) }));
}

/**
 * What the coach typed, as a zone the server accepts, or null. Case does not matter
 * ("europe/berlin"); a label picked whole ("Europe/Berlin (UTC+01:00)") counts as its zone.
 */
export function readZone(text: string, known: readonly string[]): string | null {
	const typed = text.replace(/\s*\(UTC[^)]*\)\s*$/, '').trim();
	if (!typed) {
		return null;
	}
	const match = known.find((zone) => zone.toLowerCase() === typed.toLowerCase());
	if (match) {
		return match;
	}
	// Intl also knows aliases the list leaves out (Asia/Calcutta); only exact spellings count.
	return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(typed) && isTimeZone(typed) ? typed : null;
}

export const UNKNOWN_ZONE =
	'Unknown time zone. Type a place such as Europe/Berlin and pick it from the list.';
