import { formatDate, formatTime, localDate } from './time';

/**
 * Where a coach's client is, for the coach's booking screen: the zone the client's browser last
 * reported (`clientTimeZone` of the slot list). Pure, so it is tested without a browser.
 */

/** "Berlin" for Europe/Berlin, "Ho Chi Minh" for Asia/Ho_Chi_Minh: how people name a zone. */
export function zonePlace(zone: string): string {
	return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/**
 * "9:00 for Ana (Berlin)", with the client's day when it is not the coach's ("Tuesday, 3 March,
 * 0:30 for Ana (Auckland)"); null when the client's zone is unknown or shows the same time.
 */
export function timeForClient(
	ms: number,
	viewerZone: string,
	client: { name: string; zone: string | null },
	locale?: string
): string | null {
	const zone = client.zone;
	if (!zone || formatTime(ms, zone, locale) === formatTime(ms, viewerZone, locale)) {
		return null;
	}
	const day = localDate(ms, zone);
	const prefix = day === localDate(ms, viewerZone) ? '' : `${formatDate(day, locale)}, `;
	const who = client.name ? ` for ${client.name}` : '';
	return `${prefix}${formatTime(ms, zone, locale)}${who} (${zonePlace(zone)})`;
}
