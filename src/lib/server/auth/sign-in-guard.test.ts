import { describe, expect, it } from 'vitest';
import { SignInGuard } from './sign-in-guard';

const policy = {
	freeFailures: 3,
	baseDelayMs: 10_000,
	maxDelayMs: 60_000,
	pairMemoryMs: 3_600_000,
	addressFailures: 5,
	addressWindowMs: 600_000,
	knownPairMs: 86_400_000,
	burstFailures: 4,
	burstWindowMs: 600_000
};

function guardAt(overrides: Partial<typeof policy> = {}) {
	const clock = { now: 0 };
	return {
		clock,
		guard: new SignInGuard({ now: () => clock.now, policy: { ...policy, ...overrides } })
	};
}

describe('SignInGuard', () => {
	it('lets a few mistakes through, then waits longer after each further one, up to a cap', () => {
		// The address limit is set out of the way: this is about one account from one place.
		const { clock, guard } = guardAt({ addressFailures: 100 });
		const waits: number[] = [];
		for (let i = 0; i < 7; i++) {
			waits.push(guard.retryAfterSeconds('ann', 'A'));
			clock.now += waits[i]! * 1000;
			guard.failed('ann', 'A');
		}
		waits.push(guard.retryAfterSeconds('ann', 'A'));
		expect(waits).toEqual([0, 0, 0, 10, 20, 40, 60, 60]);
	});

	it('keys the delay on account and address: the owner elsewhere and other accounts go ahead', () => {
		const { guard } = guardAt();
		for (let i = 0; i < 4; i++) {
			guard.failed('ann', 'A');
		}
		expect(guard.retryAfterSeconds('ann', 'A')).toBeGreaterThan(0);
		expect(guard.retryAfterSeconds('ann', 'B')).toBe(0);
		expect(guard.retryAfterSeconds('bob', 'A')).toBe(0);
	});

	it('a success starts the pair afresh', () => {
		const { guard } = guardAt();
		for (let i = 0; i < 3; i++) {
			guard.failed('ann', 'A');
		}
		guard.succeeded('ann', 'A');
		guard.failed('ann', 'A');
		expect(guard.retryAfterSeconds('ann', 'A')).toBe(0);
	});

	it('refuses an address trying many accounts, except accounts known to sign in from there', () => {
		const { clock, guard } = guardAt();
		guard.succeeded('ann', 'office');
		for (let i = 0; i < 5; i++) {
			guard.failed(`stuffed${i}`, 'office');
		}
		expect(guard.retryAfterSeconds('carl', 'office')).toBe(600);
		expect(guard.retryAfterSeconds('ann', 'office')).toBe(0);
		expect(guard.retryAfterSeconds('carl', 'home')).toBe(0);
		clock.now += 600_000;
		expect(guard.retryAfterSeconds('carl', 'office')).toBe(0);
	});

	it('reports a burst on one account once, and again only after a quiet window', () => {
		const { clock, guard } = guardAt();
		const bursts = () =>
			Array.from({ length: 6 }, (_, i) => guard.failed('ann', `addr${i}`).burst).filter(Boolean)
				.length;
		expect(bursts()).toBe(1);
		clock.now += 60_000;
		expect(bursts()).toBe(0);
		clock.now += 600_001 + 60_000;
		expect(bursts()).toBe(1);
	});

	it('sweep forgets what aged out', () => {
		const { clock, guard } = guardAt();
		for (let i = 0; i < 5; i++) {
			guard.failed('ann', 'A');
		}
		clock.now += 3_600_001;
		guard.sweep();
		expect(guard.retryAfterSeconds('ann', 'A')).toBe(0);
	});
});
