/**
 * A small iCalendar (RFC 5545) writer for bookings: CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 character, TEXT values escaped, times in UTC. Emails carry
 * METHOD:REQUEST or METHOD:CANCEL (iTIP, RFC 5546); the subscription feed carries no METHOD.
 * The UID stays the booking's for its whole life and SEQUENCE grows with each change, so a
 * calendar updates the event in place instead of adding a second one.
 */

export interface IcsPerson {
	name: string;
	email: string;
}

export interface IcsEvent {
	uid: string;
	sequence: number;
	/** When this version of the event was made (epoch ms). */
	stamp: number;
	startsAt: number;
	endsAt: number;
	summary: string;
	description?: string;
	url?: string;
	status: 'CONFIRMED' | 'CANCELLED';
	organizer?: IcsPerson;
	attendees?: readonly IcsPerson[];
}

export interface IcsOptions {
	method?: 'REQUEST' | 'CANCEL';
	/** The calendar's display name (feeds). */
	name?: string;
}

const encoder = new TextEncoder();
const MAX_OCTETS = 75;

/** Folds one content line: continuation lines start with a space, which counts toward the 75. */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN): quoted, with the characters a quoted value cannot hold removed. */
function paramValue(value: string): string {
	// DQUOTE and control characters cannot appear inside a quoted parameter value.
	const clean = [...value].filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20).join('');
	return `"${clean}"`;
}

/** 20260330T080000Z */
export function icsUtc(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function person(property: 'ORGANIZER' | 'ATTENDEE', p: IcsPerson): string {
	const extra = property === 'ATTENDEE' ? ';ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED' : '';
	return `${property};CN=${paramValue(p.name)}${extra}:mailto:${p.email}`;
}

function eventLines(e: IcsEvent): string[] {
	const lines = [
		'BEGIN:VEVENT',
		`UID:${e.uid}`,
		`SEQUENCE:${e.sequence}`,
		`DTSTAMP:${icsUtc(e.stamp)}`,
		`DTSTART:${icsUtc(e.startsAt)}`,
		`DTEND:${icsUtc(e.endsAt)}`,
		`SUMMARY:${escapeText(e.summary)}`,
		`STATUS:${e.status}`
	];
	if (e.description) {
		lines.push(`DESCRIPTION:${escapeText(e.description)}`);
	}
	if (e.url) {
		lines.push(`URL:${e.url}`);
	}
	if (e.organizer) {
		lines.push(person('ORGANIZER', e.organizer));
	}
	for (const attendee of e.attendees ?? []) {
		lines.push(person('ATTENDEE', attendee));
	}
	lines.push('END:VEVENT');
	return lines;
}

export function icsCalendar(events: readonly IcsEvent[], options: IcsOptions = {}): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Tandem//Scheduling//EN',
		'CALSCALE:GREGORIAN'
	];
	if (options.method) {
		lines.push(`METHOD:${options.method}`);
	}
	if (options.name) {
		lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
	}
	for (const event of events) {
		lines.push(...eventLines(event));
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
