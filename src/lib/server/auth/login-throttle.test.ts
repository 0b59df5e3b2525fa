import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const rule = { maxFailures: 3, windowMs: 60_000 };

describe('LoginThrottle', () => {
	it('allows attempts until the limit, then says how long to wait', () => {
		let now = 0;
		const throttle = new LoginThrottle(() => now);
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfterSeconds('k', rule)).toBe(0);
			throttle.recordFailure('k', rule);
			now += 1_000;
		}
		// Oldest failure at t=0 ages out at t=60 s; now is t=3 s.
		expect(throttle.retryAfterSeconds('k', rule)).toBe(57);
		now = 60_001;
		expect(throttle.retryAfterSeconds('k', rule)).toBe(0);
	});

	it('keeps keys apart and forgets a key on reset', () => {
		const throttle = new LoginThrottle(() => 0);
		for (let i = 0; i < 3; i++) {
			throttle.recordFailure('a', rule);
		}
		expect(throttle.retryAfterSeconds('a', rule)).toBeGreaterThan(0);
		expect(throttle.retryAfterSeconds('b', rule)).toBe(0);
		throttle.reset('a');
		expect(throttle.retryAfterSeconds('a', rule)).toBe(0);
	});

	it('sweeps keys whose failures have aged out', () => {
		let now = 0;
		const throttle = new LoginThrottle(() => now);
		throttle.recordFailure('old', rule);
		now = 120_000;
		throttle.recordFailure('new', rule);
		throttle.sweep(rule.windowMs);
		now = 120_000;
		// 'new' still counts: two more failures reach the limit.
		throttle.recordFailure('new', rule);
		throttle.recordFailure('new', rule);
		expect(throttle.retryAfterSeconds('new', rule)).toBeGreaterThan(0);
		expect(throttle.retryAfterSeconds('old', rule)).toBe(0);
	});
});
