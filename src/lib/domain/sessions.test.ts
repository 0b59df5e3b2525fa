import { describe, expect, it } from 'vitest';
import { buildPackageTerms, buildSessionEntry } from '../../../tests/factories/sessions';
import {
	completedSessionCount,
	awaitingOutcome,
	consumesSession,
	effectiveSessions,
	lastSessionAt,
	recordingProblem,
	sessionUsage,
	type BookedSlot
} from './sessions';

describe('consumesSession', () => {
	it('a completed session always consumes one', () => {
		const entry = buildSessionEntry({ outcome: 'completed' });
		expect(consumesSession(entry, buildPackageTerms())).toBe(true);
		expect(consumesSession(entry, null)).toBe(true);
	});

	it('a no-show consumes one only when the package says so', () => {
		const entry = buildSessionEntry({ outcome: 'no-show' });
		expect(consumesSession(entry, buildPackageTerms({ noShowConsumesSession: true }))).toBe(true);
		expect(consumesSession(entry, buildPackageTerms({ noShowConsumesSession: false }))).toBe(false);
		expect(consumesSession(entry, null)).toBe(false);
	});

	it('a technical failure never consumes one', () => {
		const entry = buildSessionEntry({ outcome: 'technical-failure' });
		expect(consumesSession(entry, buildPackageTerms({ noShowConsumesSession: true }))).toBe(false);
	});
});

describe('sessionUsage', () => {
	it('counts each outcome and the remaining sessions', () => {
		const entries = [
			buildSessionEntry({ outcome: 'completed' }),
			buildSessionEntry({ outcome: 'completed' }),
			buildSessionEntry({ outcome: 'no-show' }),
			buildSessionEntry({ outcome: 'technical-failure' })
		];
		const lenient = sessionUsage(entries, buildPackageTerms({ sessionsTotal: 5 }));
		expect(lenient).toMatchObject({
			total: 5,
			used: 2,
			remaining: 3,
			completed: 2,
			noShows: 1,
			technicalFailures: 1
		});
		const strict = sessionUsage(
			entries,
			buildPackageTerms({ sessionsTotal: 5, noShowConsumesSession: true })
		);
		expect(strict).toMatchObject({ used: 3, remaining: 2 });
	});

	it('never reports fewer than zero remaining', () => {
		const entries = [1, 2, 3].map(() => buildSessionEntry());
		const usage = sessionUsage(entries, buildPackageTerms({ sessionsTotal: 2 }));
		expect(usage).toMatchObject({ total: 2, used: 3, remaining: 0 });
	});

	it('handles no package, a zero package and a nonsensical total', () => {
		const entries = [buildSessionEntry()];
		expect(sessionUsage(entries, null)).toMatchObject({ total: 0, used: 1, remaining: 0 });
		expect(sessionUsage(entries, buildPackageTerms({ sessionsTotal: 0 }))).toMatchObject({
			total: 0,
			remaining: 0
		});
		expect(sessionUsage([], buildPackageTerms({ sessionsTotal: Number.NaN }))).toMatchObject({
			total: 0,
			remaining: 0
		});
		expect(sessionUsage([], buildPackageTerms({ sessionsTotal: -3 })).remaining).toBe(0);
	});

	it('an empty ledger has the whole package left and no last session', () => {
		expect(sessionUsage([], buildPackageTerms({ sessionsTotal: 4 }))).toEqual({
			total: 4,
			used: 0,
			booked: 0,
			remaining: 4,
			beyond: 0,
			complimentary: 0,
			completed: 0,
			noShows: 0,
			technicalFailures: 0,
			lastSessionAt: null
		});
	});
});

describe('corrections', () => {
	it('a correction replaces the entry it corrects', () => {
		const original = buildSessionEntry({ outcome: 'completed' });
		const correction = buildSessionEntry({
			outcome: 'technical-failure',
			startedAt: original.startedAt,
			corrects: original.id
		});
		const usage = sessionUsage([original, correction], buildPackageTerms({ sessionsTotal: 3 }));
		expect(usage).toMatchObject({ used: 0, remaining: 3, completed: 0, technicalFailures: 1 });
		expect(effectiveSessions([original, correction])).toEqual([correction]);
	});

	it('follows a chain of corrections to the last one', () => {
		const a = buildSessionEntry({ outcome: 'completed' });
		const b = buildSessionEntry({ outcome: 'no-show', corrects: a.id });
		const c = buildSessionEntry({ outcome: 'completed', corrects: b.id });
		expect(effectiveSessions([c, a, b])).toEqual([c]);
	});

	it('two concurrent corrections of one entry resolve the same way in any order', () => {
		const original = buildSessionEntry();
		const early = buildSessionEntry({ corrects: original.id, recordedAt: 100, outcome: 'no-show' });
		const late = buildSessionEntry({
			corrects: original.id,
			recordedAt: 200,
			outcome: 'technical-failure'
		});
		expect(effectiveSessions([original, early, late])).toEqual([late]);
		expect(effectiveSessions([late, early, original])).toEqual([late]);
		const tieA = buildSessionEntry({ id: 'a', corrects: original.id, recordedAt: 5 });
		const tieB = buildSessionEntry({ id: 'b', corrects: original.id, recordedAt: 5 });
		expect(effectiveSessions([original, tieB, tieA])).toEqual([tieB]);
	});

	it('ignores corrections of unknown entries and forged cycles', () => {
		const orphan = buildSessionEntry({ corrects: 'missing' });
		const x = buildSessionEntry({ id: 'x', corrects: 'y' });
		const y = buildSessionEntry({ id: 'y', corrects: 'x' });
		expect(effectiveSessions([orphan, x, y])).toEqual([]);
	});

	it('orders effective entries by start time', () => {
		const later = buildSessionEntry({ startedAt: 2000 });
		const earlier = buildSessionEntry({ startedAt: 1000 });
		expect(effectiveSessions([later, earlier]).map((e) => e.startedAt)).toEqual([1000, 2000]);
	});
});

describe('summaries', () => {
	it('the last session date is the latest completed session, corrections applied', () => {
		const first = buildSessionEntry({ startedAt: 1000 });
		const second = buildSessionEntry({ startedAt: 3000 });
		const noShow = buildSessionEntry({ startedAt: 5000, outcome: 'no-show' });
		expect(lastSessionAt([first, second, noShow])).toBe(3000);
		const fix = buildSessionEntry({
			startedAt: 3000,
			outcome: 'technical-failure',
			corrects: second.id
		});
		expect(lastSessionAt([first, second, noShow, fix])).toBe(1000);
		expect(lastSessionAt([])).toBeNull();
	});

	it('counts completed sessions', () => {
		const entries = [
			buildSessionEntry(),
			buildSessionEntry({ outcome: 'no-show' }),
			buildSessionEntry({ outcome: 'technical-failure' }),
			buildSessionEntry()
		];
		expect(completedSessionCount(entries)).toBe(2);
	});
});

describe('every outcome, recorded and corrected, under both no-show policies', () => {
	const outcomes = ['completed', 'no-show', 'technical-failure'] as const;
	// What one session costs a package of 4, by outcome and policy: the table the issue states.
	const cost = (outcome: (typeof outcomes)[number], noShowConsumes: boolean) =>
		outcome === 'completed' ? 1 : outcome === 'no-show' && noShowConsumes ? 1 : 0;

	for (const noShowConsumes of [false, true]) {
		const terms = buildPackageTerms({ sessionsTotal: 4, noShowConsumesSession: noShowConsumes });

		it.each(outcomes)(`a recorded %s (no-show consumes: ${noShowConsumes})`, (outcome) => {
			const usage = sessionUsage([buildSessionEntry({ outcome })], terms);
			expect(usage.used).toBe(cost(outcome, noShowConsumes));
			expect(usage.remaining).toBe(4 - cost(outcome, noShowConsumes));
			expect(usage.completed).toBe(outcome === 'completed' ? 1 : 0);
			expect(usage.noShows).toBe(outcome === 'no-show' ? 1 : 0);
			expect(usage.technicalFailures).toBe(outcome === 'technical-failure' ? 1 : 0);
		});

		for (const from of outcomes) {
			it.each(outcomes)(
				`${from} corrected to %s counts only the correction (no-show consumes: ${noShowConsumes})`,
				(to) => {
					const original = buildSessionEntry({ outcome: from });
					const correction = buildSessionEntry({
						outcome: to,
						startedAt: original.startedAt,
						recordedAt: original.recordedAt + 1,
						corrects: original.id
					});
					const usage = sessionUsage([original, correction], terms);
					expect(usage.remaining).toBe(4 - cost(to, noShowConsumes));
					expect(usage.completed + usage.noShows + usage.technicalFailures).toBe(1);
					expect(usage.lastSessionAt).toBe(to === 'completed' ? original.startedAt : null);
				}
			);
		}
	}

	it('a technical failure can be repeated without using up the package', () => {
		const failures = [1, 2, 3].map(() => buildSessionEntry({ outcome: 'technical-failure' }));
		const retried = buildSessionEntry({ outcome: 'completed' });
		const usage = sessionUsage([...failures, retried], buildPackageTerms({ sessionsTotal: 1 }));
		expect(usage).toMatchObject({ used: 1, remaining: 0, technicalFailures: 3, completed: 1 });
	});
});

describe('bookings hold sessions', () => {
	const HOUR = 3_600_000;
	const now = Date.UTC(2026, 5, 1, 12);
	let n = 0;
	const booking = (startsAt: number, status: BookedSlot['status'] = 'confirmed'): BookedSlot => ({
		id: `booking-${++n}`,
		status,
		startsAt,
		endsAt: startsAt + HOUR
	});

	it('a package of 4 with 4 bookings has none remaining before anything is recorded', () => {
		const bookings = [1, 2, 3, 4].map((d) => booking(now + d * 24 * HOUR));
		expect(sessionUsage([], buildPackageTerms({ sessionsTotal: 4 }), bookings)).toMatchObject({
			used: 0,
			booked: 4,
			remaining: 0,
			beyond: 0
		});
	});

	it('a past booking keeps its session until its outcome is recorded against it', () => {
		const past = booking(now - 48 * HOUR);
		const terms = buildPackageTerms({ sessionsTotal: 2 });
		expect(sessionUsage([], terms, [past])).toMatchObject({ used: 0, booked: 1, remaining: 1 });
		const recorded = buildSessionEntry({ bookingId: past.id, startedAt: past.startsAt });
		expect(sessionUsage([recorded], terms, [past])).toMatchObject({
			used: 1,
			booked: 0,
			remaining: 1
		});
		expect(awaitingOutcome([], [past], now)).toEqual([past]);
		expect(awaitingOutcome([recorded], [past], now)).toEqual([]);
	});

	it('a no-show recorded against its booking frees the session when the package forgives it', () => {
		const past = booking(now - 2 * HOUR);
		const noShow = buildSessionEntry({ bookingId: past.id, outcome: 'no-show' });
		const terms = buildPackageTerms({ sessionsTotal: 1, noShowConsumesSession: false });
		expect(sessionUsage([noShow], terms, [past])).toMatchObject({
			used: 0,
			booked: 0,
			remaining: 1
		});
	});

	it('cancelled bookings and future ones are not awaiting an outcome', () => {
		const cancelled = booking(now - 3 * HOUR, 'cancelled');
		const ahead = booking(now + 3 * HOUR);
		expect(awaitingOutcome([], [cancelled, ahead], now)).toEqual([]);
		expect(
			sessionUsage([], buildPackageTerms({ sessionsTotal: 3 }), [cancelled, ahead]).booked
		).toBe(1);
	});

	it('a complimentary session never uses up the package', () => {
		const gift = buildSessionEntry({ complimentary: true });
		const usage = sessionUsage([gift], buildPackageTerms({ sessionsTotal: 1 }));
		expect(usage).toMatchObject({ used: 0, remaining: 1, complimentary: 1, completed: 1 });
	});
});

describe('recordingProblem', () => {
	const terms = buildPackageTerms({ sessionsTotal: 1 });
	const hand = { outcome: 'completed', complimentary: false, bookingId: null } as const;

	it('refuses a session recorded by hand when the package is used up', () => {
		const usage = sessionUsage([buildSessionEntry()], terms);
		expect(recordingProblem(usage, terms, hand)).toMatch(/complimentary/);
	});

	it('refuses it when the last session is held by a booking, and says so', () => {
		const held: BookedSlot = { id: 'b', status: 'confirmed', startsAt: 1, endsAt: 2 };
		const usage = sessionUsage([], terms, [held]);
		expect(recordingProblem(usage, terms, hand)).toMatch(/booked/);
		expect(recordingProblem(usage, terms, { ...hand, bookingId: 'b' })).toBeNull();
	});

	it('accepts a complimentary session, one that uses nothing up, and any without a package', () => {
		const usage = sessionUsage([buildSessionEntry()], terms);
		expect(recordingProblem(usage, terms, { ...hand, complimentary: true })).toBeNull();
		expect(recordingProblem(usage, terms, { ...hand, outcome: 'technical-failure' })).toBeNull();
		expect(recordingProblem(sessionUsage([buildSessionEntry()], null), null, hand)).toBeNull();
	});
});
