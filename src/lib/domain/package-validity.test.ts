import { describe, expect, it } from 'vitest';
import { describeValidity, validityEnd, validityProblem } from './package-validity';

const at = (iso: string) => Date.parse(iso);

describe('validityEnd', () => {
	it('adds days and weeks as whole days', () => {
		expect(
			validityEnd(at('2026-03-01T10:00:00Z'), { amount: 10, unit: 'days', from: 'purchase' })
		).toBe(at('2026-03-11T10:00:00Z'));
		expect(
			validityEnd(at('2026-03-01T10:00:00Z'), { amount: 2, unit: 'weeks', from: 'purchase' })
		).toBe(at('2026-03-15T10:00:00Z'));
	});

	it('adds calendar months, keeping the day and clamping to the month end', () => {
		const month = (amount: number) => ({
			amount,
			unit: 'months' as const,
			from: 'purchase' as const
		});
		expect(validityEnd(at('2026-01-15T08:30:00Z'), month(3))).toBe(at('2026-04-15T08:30:00Z'));
		expect(validityEnd(at('2026-01-31T08:30:00Z'), month(1))).toBe(at('2026-02-28T08:30:00Z'));
		expect(validityEnd(at('2028-01-31T08:30:00Z'), month(1))).toBe(at('2028-02-29T08:30:00Z'));
		expect(validityEnd(at('2026-11-30T00:00:00Z'), month(3))).toBe(at('2027-02-28T00:00:00Z'));
		expect(validityEnd(at('2026-05-31T00:00:00Z'), month(12))).toBe(at('2027-05-31T00:00:00Z'));
	});
});

describe('validityProblem', () => {
	it('accepts no term and sensible terms, refuses zero, fractions, too long and unknown units', () => {
		expect(validityProblem(null)).toBeNull();
		expect(validityProblem({ amount: 6, unit: 'months', from: 'first-session' })).toBeNull();
		expect(validityProblem({ amount: 0, unit: 'days', from: 'purchase' })).toMatch(/1 to 3650/);
		expect(validityProblem({ amount: 1.5, unit: 'weeks', from: 'purchase' })).toMatch(
			/whole number/
		);
		expect(validityProblem({ amount: 121, unit: 'months', from: 'purchase' })).toMatch(/1 to 120/);
		expect(validityProblem({ amount: 1, unit: 'years' as never, from: 'purchase' })).toMatch(
			/days, weeks or months/
		);
	});
});

describe('describeValidity', () => {
	it('says it the way a person would', () => {
		expect(describeValidity({ amount: 1, unit: 'weeks', from: 'first-session' })).toBe(
			'1 week from the first session'
		);
		expect(describeValidity({ amount: 3, unit: 'months', from: 'purchase' })).toBe(
			'3 months from purchase'
		);
	});
});
