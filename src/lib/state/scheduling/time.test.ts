import { describe, expect, it } from 'vitest';
import {
	agendaDates,
	agendaRange,
	bucketAgenda,
	callWindow,
	formatTime,
	formatWhen,
	groupByDay,
	localDate,
	shiftAnchor,
	timeZones,
	wallTime
} from './time';

const at = (iso: string) => Date.parse(iso);

describe('times in the viewer zone', () => {
	it('shows one instant as each viewer’s own wall-clock time', () => {
		const instant = at('2026-03-02T09:30:00Z');
		expect(formatTime(instant, 'Europe/Berlin', 'en-GB')).toBe('10:30');
		expect(formatTime(instant, 'America/New_York', 'en-GB')).toBe('4:30');
		expect(formatTime(instant, 'Asia/Kolkata', 'en-GB')).toBe('15:00');
	});

	it('follows daylight saving: the same UTC hour moves on the wall clock', () => {
		expect(wallTime(at('2026-03-28T09:00:00Z'), 'Europe/Berlin')).toBe('10:00');
		expect(wallTime(at('2026-03-30T09:00:00Z'), 'Europe/Berlin')).toBe('11:00');
	});

	it('puts a late-evening UTC instant on the next day east of UTC', () => {
		const instant = at('2026-03-02T23:30:00Z');
		expect(localDate(instant, 'UTC')).toBe('2026-03-02');
		expect(localDate(instant, 'Asia/Tokyo')).toBe('2026-03-03');
		expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-03-02');
	});

	it('writes a booking as day and time range', () => {
		const text = formatWhen(
			{ startsAt: at('2026-03-02T09:00:00Z'), endsAt: at('2026-03-02T10:00:00Z') },
			'Europe/Berlin',
			'en-GB'
		);
		expect(text).toContain('Monday');
		expect(text).toContain('10:00 – 11:00');
	});

	it('lists the given zone even when Intl does not', () => {
		expect(timeZones('UTC')).toContain('UTC');
		expect(timeZones('Europe/Berlin')).toContain('Europe/Berlin');
	});
});

describe('grouping slots by local day', () => {
	const slots = [
		'2026-03-03T08:00:00Z',
		'2026-03-02T22:00:00Z',
		'2026-03-02T14:00:00Z',
		'2026-03-03T16:00:00Z'
	].map((startsAt) => ({ startsAt }));

	it('groups by the viewer’s day, in time order', () => {
		const groups = groupByDay(slots, (s) => at(s.startsAt), 'UTC');
		expect(groups.map((g) => [g.date, g.items.length])).toEqual([
			['2026-03-02', 2],
			['2026-03-03', 2]
		]);
		expect(groups[0]!.items[0]!.startsAt).toBe('2026-03-02T14:00:00Z');
	});

	it('moves slots across midnight for a viewer further east', () => {
		const groups = groupByDay(slots, (s) => at(s.startsAt), 'Asia/Tokyo');
		expect(
			groups.map((g) => [g.date, g.items.map((s) => wallTime(at(s.startsAt), 'Asia/Tokyo'))])
		).toEqual([
			['2026-03-02', ['23:00']],
			['2026-03-03', ['07:00', '17:00']],
			['2026-03-04', ['01:00']]
		]);
	});
});

describe('agenda', () => {
	it('a week runs Monday to Sunday around the anchor', () => {
		expect(agendaDates('week', '2026-03-05')).toEqual([
			'2026-03-02',
			'2026-03-03',
			'2026-03-04',
			'2026-03-05',
			'2026-03-06',
			'2026-03-07',
			'2026-03-08'
		]);
		expect(agendaDates('day', '2026-03-05')).toEqual(['2026-03-05']);
	});

	it('bounds a view by local midnights, which may be 23 hours apart', () => {
		const { from, to } = agendaRange('day', '2026-03-29', 'Europe/Berlin');
		expect(new Date(from).toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect((to - from) / 3_600_000).toBe(23);
	});

	it('buckets bookings into every day of the week, empty days included', () => {
		const items = [
			{ startsAt: at('2026-03-04T10:00:00Z') },
			{ startsAt: at('2026-03-08T23:30:00Z') },
			{ startsAt: at('2026-03-04T08:00:00Z') }
		];
		const days = bucketAgenda({
			view: 'week',
			anchor: '2026-03-04',
			zone: 'UTC',
			items,
			startOf: (i) => i.startsAt
		});
		expect(days).toHaveLength(7);
		expect(days.map((d) => d.items.length)).toEqual([0, 0, 2, 0, 0, 0, 1]);
		expect(days[2]!.items[0]!.startsAt).toBe(at('2026-03-04T08:00:00Z'));
		// For a viewer in Berlin the Sunday-night booking is already next Monday: not this week.
		const berlin = bucketAgenda({
			view: 'week',
			anchor: '2026-03-04',
			zone: 'Europe/Berlin',
			items,
			startOf: (i) => i.startsAt
		});
		expect(berlin.map((d) => d.items.length)).toEqual([0, 0, 2, 0, 0, 0, 0]);
	});

	it('steps a day or a week at a time', () => {
		expect(shiftAnchor('2026-02-28', 'day', 1)).toBe('2026-03-01');
		expect(shiftAnchor('2026-03-05', 'week', -1)).toBe('2026-02-26');
	});
});

describe('start and join window', () => {
	const booking = { startsAt: at('2026-03-02T10:00:00Z'), endsAt: at('2026-03-02T11:00:00Z') };

	it('opens ten minutes before the start and closes at the end', () => {
		expect(callWindow(booking, at('2026-03-02T09:49:59Z'))).toBe('later');
		expect(callWindow(booking, at('2026-03-02T09:50:00Z'))).toBe('open');
		expect(callWindow(booking, at('2026-03-02T10:59:59Z'))).toBe('open');
		expect(callWindow(booking, at('2026-03-02T11:00:00Z'))).toBe('over');
	});
});
