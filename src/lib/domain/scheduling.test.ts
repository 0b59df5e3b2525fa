import { describe, expect, it } from 'vitest';
import { bookableSessions, isInStartWindow, mayChangeBooking } from './scheduling';
import {
	AVAILABILITY_MESSAGES,
	availabilityNumberErrors,
	parseAvailability
} from './scheduling-availability';

const valid = {
	timeZone: 'Asia/Ho_Chi_Minh',
	weekly: {
		mon: [
			{ start: '09:00', end: '12:00' },
			{ start: '13:00', end: '24:00' }
		]
	},
	bufferMinutes: 10,
	minNoticeMinutes: 120,
	maxDaysAhead: 30,
	cancelNoticeHours: 24,
	overrides: [{ date: '2026-04-30', intervals: [] }]
};

describe('scheduling rules', () => {
	it('parses availability, filling missing weekdays as closed', () => {
		const parsed = parseAvailability(valid);
		expect(parsed).toMatchObject({ ok: true, value: { weekly: { tue: [], sun: [] } } });
	});

	it.each([
		[{ timeZone: 'Mars/Olympus' }, 'timeZone'],
		[{ weekly: { mon: [{ start: '12:00', end: '09:00' }] } }, 'end after it starts'],
		[
			{
				weekly: {
					mon: [
						{ start: '09:00', end: '12:00' },
						{ start: '11:00', end: '13:00' }
					]
				}
			},
			'overlap'
		],
		[{ weekly: { mon: [{ start: '9', end: '12:00' }] } }, '24-hour'],
		[{ overrides: [{ date: '2026-02-30', intervals: [] }] }, 'date'],
		[{ bufferMinutes: -1 }, 'Buffer between sessions'],
		[{ maxDaysAhead: 0 }, 'Days ahead: a whole number from 1']
	])('refuses %j naming the rule', (change, words) => {
		const parsed = parseAvailability({ ...valid, ...change });
		expect(parsed.ok).toBe(false);
		expect(parsed.ok ? '' : parsed.problem).toContain(words);
	});

	it('names each bad booking rule on its own field, in words (no raw "maxDaysAhead")', () => {
		const parsed = parseAvailability({
			...valid,
			cancelNoticeHours: -1,
			maxDaysAhead: 9999,
			bufferMinutes: 15
		});
		expect(parsed).toEqual({
			ok: false,
			problem: AVAILABILITY_MESSAGES.maxDaysAhead,
			fields: {
				maxDaysAhead: AVAILABILITY_MESSAGES.maxDaysAhead,
				cancelNoticeHours: AVAILABILITY_MESSAGES.cancelNoticeHours
			}
		});
		expect(AVAILABILITY_MESSAGES.cancelNoticeHours).toMatch(/^Cancel or move until/);
		expect(availabilityNumberErrors({ ...valid, minNoticeMinutes: 1.5 })).toEqual({
			minNoticeMinutes: AVAILABILITY_MESSAGES.minNoticeMinutes
		});
	});

	it('upcoming bookings hold sessions; the notice policy binds clients only', () => {
		expect(bookableSessions(3, 1)).toBe(2);
		expect(bookableSessions(1, 2)).toBe(0);
		const startsAt = Date.UTC(2026, 0, 2, 10);
		const now = startsAt - 23 * 3_600_000;
		expect(mayChangeBooking({ role: 'client', startsAt, now, cancelNoticeHours: 24 })).toBe(false);
		expect(mayChangeBooking({ role: 'client', startsAt, now, cancelNoticeHours: 12 })).toBe(true);
		expect(mayChangeBooking({ role: 'coach', startsAt, now, cancelNoticeHours: 24 })).toBe(true);
	});

	it('start and join are offered from ten minutes before until the end', () => {
		const b = { startsAt: 600_000 * 10, endsAt: 600_000 * 16 };
		expect(isInStartWindow(b, b.startsAt - 600_001)).toBe(false);
		expect(isInStartWindow(b, b.startsAt - 600_000)).toBe(true);
		expect(isInStartWindow(b, b.endsAt - 1)).toBe(true);
		expect(isInStartWindow(b, b.endsAt)).toBe(false);
	});
});
