import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { defaultAvailability, type Availability } from '../../domain/scheduling';
import { computeSlots, dayWindow } from './slots';

const every = (start: string, end: string) => {
	const day = [{ start, end }];
	return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
};

function availability(extra: Partial<Availability>): Availability {
	return { ...defaultAvailability(), minNoticeMinutes: 0, maxDaysAhead: 365, ...extra };
}

const iso = (ms: number) => new Date(ms).toISOString();
const wall = (ms: number, zone: string) =>
	Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDateTime().toString();

describe('computeSlots', () => {
	it('a coach in Ho Chi Minh City and a client in Berlin agree across Europe’s DST change', () => {
		const coach = availability({ timeZone: 'Asia/Ho_Chi_Minh', weekly: every('15:00', '17:00') });
		// The client asks for a week in Berlin days that contains the change (Sun 29 March 2026).
		const window = dayWindow('2026-03-26', 7, 'Europe/Berlin');
		const slots = computeSlots({
			availability: coach,
			sessionMinutes: 60,
			...window,
			now: Date.UTC(2026, 2, 1),
			busy: []
		});
		expect(slots).toHaveLength(14);
		// The coach's wall clock never moves: 15:00 and 16:00 every day, so UTC never moves either.
		expect(new Set(slots.map((s) => wall(s.startsAt, 'Asia/Ho_Chi_Minh').slice(11)))).toEqual(
			new Set(['15:00:00', '16:00:00'])
		);
		expect(new Set(slots.map((s) => iso(s.startsAt).slice(11)))).toEqual(
			new Set(['08:00:00.000Z', '09:00:00.000Z'])
		);
		// In Berlin the same instants read an hour later from the 29th; none moves or repeats.
		const berlin = slots.map((s) => wall(s.startsAt, 'Europe/Berlin'));
		expect(berlin.slice(0, 6)).toEqual([
			'2026-03-26T09:00:00',
			'2026-03-26T10:00:00',
			'2026-03-27T09:00:00',
			'2026-03-27T10:00:00',
			'2026-03-28T09:00:00',
			'2026-03-28T10:00:00'
		]);
		expect(berlin.slice(6, 8)).toEqual(['2026-03-29T10:00:00', '2026-03-29T11:00:00']);
		expect(new Set(berlin).size).toBe(14);
	});

	it('a Berlin coach’s spring-forward night skips the missing hour instead of moving it', () => {
		const coach = availability({
			timeZone: 'Europe/Berlin',
			overrides: [{ date: '2026-03-29', intervals: [{ start: '00:00', end: '04:00' }] }]
		});
		const slots = computeSlots({
			availability: coach,
			sessionMinutes: 60,
			...dayWindow('2026-03-29', 1, 'Europe/Berlin'),
			now: Date.UTC(2026, 2, 1),
			busy: []
		});
		expect(slots.map((s) => iso(s.startsAt))).toEqual([
			'2026-03-28T23:00:00.000Z',
			'2026-03-29T00:00:00.000Z',
			'2026-03-29T01:00:00.000Z'
		]);
		expect(slots.map((s) => wall(s.startsAt, 'Europe/Berlin').slice(11, 16))).toEqual([
			'00:00',
			'01:00',
			'03:00'
		]);
	});

	it('a Berlin coach’s fall-back night offers the repeated hour once', () => {
		const coach = availability({
			timeZone: 'Europe/Berlin',
			overrides: [{ date: '2026-10-25', intervals: [{ start: '00:00', end: '04:00' }] }]
		});
		const slots = computeSlots({
			availability: coach,
			sessionMinutes: 60,
			...dayWindow('2026-10-25', 1, 'Europe/Berlin'),
			now: Date.UTC(2026, 9, 1),
			busy: []
		});
		const starts = slots.map((s) => iso(s.startsAt));
		expect(starts).toEqual([
			'2026-10-24T22:00:00.000Z',
			'2026-10-24T23:00:00.000Z',
			'2026-10-25T00:00:00.000Z',
			'2026-10-25T02:00:00.000Z'
		]);
		for (let i = 1; i < slots.length; i++) {
			expect(slots[i]!.startsAt).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt);
		}
	});

	it('keeps notice, horizon, buffer around bookings, days off and overrides', () => {
		const coach = availability({
			timeZone: 'UTC',
			weekly: every('09:00', '12:00'),
			bufferMinutes: 15,
			minNoticeMinutes: 120,
			maxDaysAhead: 2,
			overrides: [
				{ date: '2026-05-05', intervals: [] },
				{ date: '2026-05-06', intervals: [{ start: '14:00', end: '15:00' }] }
			]
		});
		const now = Date.UTC(2026, 4, 4, 8, 0);
		const slots = computeSlots({
			availability: coach,
			sessionMinutes: 45,
			...dayWindow('2026-05-04', 5, 'UTC'),
			now,
			// A booking 10:00–10:45 on the 4th: with the buffer, 09:00 (ends 09:45) is too close.
			busy: [{ startsAt: Date.UTC(2026, 4, 4, 10), endsAt: Date.UTC(2026, 4, 4, 10, 45) }]
		});
		// Notice: nothing before 10:00 on the 4th; slots step by 45 + 15 minutes; the 5th is a day
		// off; the 6th has only its override, and the horizon (2 days) ends at 08:00 on the 6th.
		expect(slots.map((s) => iso(s.startsAt))).toEqual(['2026-05-04T11:00:00.000Z']);
		const later = computeSlots({
			availability: { ...coach, maxDaysAhead: 30 },
			sessionMinutes: 45,
			...dayWindow('2026-05-06', 1, 'UTC'),
			now,
			busy: []
		});
		expect(later.map((s) => iso(s.startsAt))).toEqual(['2026-05-06T14:00:00.000Z']);
	});
});
