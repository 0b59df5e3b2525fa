import { describe, expect, it } from 'vitest';
import { dayLabel, todayIso } from './dates';

describe('dates', () => {
	it('labels today and yesterday by name', () => {
		const now = new Date(2026, 10, 22, 15, 0).getTime();
		expect(dayLabel(new Date(2026, 10, 22, 0, 5).getTime(), now)).toBe('Today');
		expect(dayLabel(new Date(2026, 10, 21, 23, 59).getTime(), now)).toBe('Yesterday');
		expect(dayLabel(new Date(2026, 10, 10).getTime(), now)).not.toMatch(/Today|Yesterday/);
	});

	it('formats a local calendar date', () => {
		expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
	});
});
