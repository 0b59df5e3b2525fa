import { describe, expect, it } from 'vitest';
import type { PackageValidity } from './package-validity';
import { allocateSessions, type SessionDraw, type SessionLot } from './session-lots';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.parse('2026-01-01T09:00:00Z');
const lot = (
	id: string,
	sessions: number,
	purchasedDay: number,
	validity: PackageValidity | null = null
): SessionLot => ({
	id,
	sessions,
	purchasedAt: t0 + purchasedDay * day,
	validity
});
const draws = (...days: number[]): SessionDraw[] =>
	days.map((d, i) => ({ id: `d${i}-${d}`, at: t0 + d * day }));

describe('allocateSessions', () => {
	it('draws from the oldest purchase first and adds renewals on top', () => {
		const result = allocateSessions(
			[lot('renewal', 4, 30), lot('first', 3, 0)],
			draws(1, 8, 15, 31),
			[],
			t0 + 40 * day
		);
		expect(result.lots.map((l) => [l.id, l.used, l.remaining])).toEqual([
			['first', 3, 0],
			['renewal', 1, 3]
		]);
		expect(result).toMatchObject({ total: 7, used: 4, held: 0, remaining: 3, beyond: 0 });
	});

	it('counts bookings as held against the lot valid at their time', () => {
		const result = allocateSessions([lot('a', 2, 0)], draws(1), draws(20), t0 + 5 * day);
		expect(result).toMatchObject({ used: 1, held: 1, remaining: 0, beyond: 0 });
	});

	it('shows no remaining sessions once a package has expired, and says how many lapsed', () => {
		const tenDays: PackageValidity = { amount: 10, unit: 'days', from: 'purchase' };
		const before = allocateSessions([lot('a', 5, 0, tenDays)], draws(2), [], t0 + 9 * day);
		expect(before).toMatchObject({ remaining: 4, lapsed: 0, nextExpiry: t0 + 10 * day });
		const after = allocateSessions([lot('a', 5, 0, tenDays)], draws(2), [], t0 + 10 * day);
		expect(after.lots[0]).toMatchObject({ expired: true, remaining: 0, lapsed: 4 });
		expect(after).toMatchObject({ remaining: 0, lapsed: 4, nextExpiry: null });
	});

	it('starts a first-session validity at the first session drawn from that lot', () => {
		const twoWeeks: PackageValidity = { amount: 2, unit: 'weeks', from: 'first-session' };
		const unused = allocateSessions([lot('a', 3, 0, twoWeeks)], [], [], t0 + 400 * day);
		expect(unused.lots[0]).toMatchObject({ expiresAt: null, expired: false, remaining: 3 });
		const started = allocateSessions([lot('a', 3, 0, twoWeeks)], draws(50), [], t0 + 60 * day);
		expect(started.lots[0]).toMatchObject({ expiresAt: t0 + 64 * day, remaining: 2 });
		const over = allocateSessions([lot('a', 3, 0, twoWeeks)], draws(50), [], t0 + 64 * day);
		expect(over.lots[0]).toMatchObject({ expired: true, remaining: 0, lapsed: 2 });
	});

	it('skips an expired lot for a later session and uses the next purchase', () => {
		const oneWeek: PackageValidity = { amount: 1, unit: 'weeks', from: 'purchase' };
		const result = allocateSessions(
			[lot('old', 5, 0, oneWeek), lot('new', 5, 10)],
			draws(1, 12),
			[],
			t0 + 13 * day
		);
		expect(result.lots.map((l) => [l.id, l.used, l.remaining, l.lapsed])).toEqual([
			['old', 1, 0, 4],
			['new', 1, 4, 0]
		]);
	});

	it('puts sessions no lot has room for beyond the allowance', () => {
		const result = allocateSessions([lot('a', 1, 0)], draws(1, 2), draws(3), t0 + 4 * day);
		expect(result).toMatchObject({ used: 1, held: 0, remaining: 0, beyond: 2 });
		expect(allocateSessions([], draws(1), [], t0)).toMatchObject({
			total: 0,
			remaining: 0,
			beyond: 1
		});
	});

	it('gives the same answer whatever order the inputs arrive in', () => {
		const lots = [lot('b', 2, 5), lot('a', 2, 0), lot('c', 2, 9)];
		const used = draws(1, 6, 7, 10);
		const one = allocateSessions(lots, used, draws(12), t0 + 11 * day);
		const two = allocateSessions(
			[...lots].reverse(),
			[...used].reverse(),
			draws(12),
			t0 + 11 * day
		);
		expect(two).toEqual(one);
	});
});
