import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar, type IcsEvent } from './ics';

const event: IcsEvent = {
	uid: 'booking-abc@tandem',
	sequence: 0,
	stamp: Date.UTC(2026, 0, 5, 9),
	startsAt: Date.UTC(2026, 2, 30, 8),
	endsAt: Date.UTC(2026, 2, 30, 9),
	summary: 'Video session with Zoë; Ünal, and “friends” \\ co',
	description: `Call Clio at +49 30 1234567.\nOpen Tandem: https://tandem.test/${'x'.repeat(120)}`,
	status: 'CONFIRMED',
	organizer: { name: 'Cora "the coach", Berlin', email: 'cora@example.com' },
	attendees: [{ name: 'Clio', email: 'clio@example.com' }]
};

const octets = (line: string) => new TextEncoder().encode(line).length;

function parseEvents(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('icsCalendar', () => {
	it('writes CRLF lines of at most 75 octets without splitting a character', () => {
		const text = icsCalendar([event], { method: 'REQUEST' });
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = text.split('\r\n').slice(0, -1);
		for (const line of lines) {
			expect(octets(line)).toBeLessThanOrEqual(75);
		}
		expect(lines.some((line) => line.startsWith(' '))).toBe(true);
		const folded = foldLine('SUMMARY:' + 'ü'.repeat(80));
		expect(folded.split('\r\n ').join('')).toBe('SUMMARY:' + 'ü'.repeat(80));
		expect(folded.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
	});

	it('escapes TEXT values and round-trips through an independent parser (ical.js)', () => {
		expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
		const { calendar, events } = parseEvents(icsCalendar([event], { method: 'REQUEST' }));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(events).toHaveLength(1);
		const parsed = events[0]!;
		expect(parsed.uid).toBe('booking-abc@tandem');
		expect(parsed.sequence).toBe(0);
		expect(parsed.summary).toBe(event.summary);
		expect(parsed.description).toBe(event.description);
		expect(parsed.startDate.toJSDate().getTime()).toBe(event.startsAt);
		expect(parsed.endDate.toJSDate().getTime()).toBe(event.endsAt);
		expect(parsed.organizer).toBe('mailto:cora@example.com');
		const vevent = calendar.getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Cora the coach, Berlin');
		expect(vevent.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-01-05T09:00:00Z');
	});

	it('a cancellation keeps the UID with a higher SEQUENCE; a feed has no METHOD', () => {
		const cancel = icsCalendar([{ ...event, sequence: 2, status: 'CANCELLED' }], {
			method: 'CANCEL'
		});
		const { calendar, events } = parseEvents(cancel);
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(events[0]!.uid).toBe(event.uid);
		expect(events[0]!.sequence).toBe(2);
		expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe(
			'CANCELLED'
		);
		const feed = parseEvents(icsCalendar([event], { name: 'Tandem sessions' }));
		expect(feed.calendar.getFirstPropertyValue('method')).toBeNull();
		expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tandem sessions');
	});
});
