import { describe, expect, it } from 'vitest';
import { bookableSessions, isInStartWindow, mayChangeBooking } from './scheduling';
import { AVAILABILITY_MESSAGES, availabilityNumberErrors } from './scheduling-availability';

const valid = {
	bufferMinutes: 10,
	minNoticeMinutes: 120,
	maxDaysAhead: 30,
	cancelNoticeHours: 24
};

describe('scheduling rules', () => {
	it('names each bad booking rule in words (no raw "minNoticeMinutes")', () => {
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
