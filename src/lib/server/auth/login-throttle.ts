/**
 * Counts failed logins per key (an account's email, a client address) in a sliding window and
 * refuses further attempts once a key passes its limit, until the oldest failure ages out.
 * In memory on purpose: one process serves everything, and a restart forgetting the counts only
 * gives an attacker one more small window, while a table would add a write to every failed login.
 */
export interface ThrottleRule {
	maxFailures: number;
	windowMs: number;
}

export class LoginThrottle {
	#failures = new Map<string, number[]>();
	#now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Seconds to wait before the key may try again, or 0 when it may try now. */
	retryAfterSeconds(key: string, rule: ThrottleRule): number {
		const recent = this.#recent(key, rule);
		if (recent.length < rule.maxFailures) {
			return 0;
		}
		const oldest = recent[recent.length - rule.maxFailures] ?? this.#now();
		return Math.max(1, Math.ceil((oldest + rule.windowMs - this.#now()) / 1000));
	}

	recordFailure(key: string, rule: ThrottleRule): void {
		const recent = this.#recent(key, rule);
		recent.push(this.#now());
		this.#failures.set(key, recent);
	}

	reset(key: string): void {
		this.#failures.delete(key);
	}

	/** Drops keys whose failures have all aged out, so memory stays bounded. */
	sweep(windowMs: number): void {
		const cutoff = this.#now() - windowMs;
		for (const [key, times] of this.#failures) {
			if ((times[times.length - 1] ?? 0) <= cutoff) {
				this.#failures.delete(key);
			}
		}
	}

	#recent(key: string, rule: ThrottleRule): number[] {
		const cutoff = this.#now() - rule.windowMs;
		return (this.#failures.get(key) ?? []).filter((t) => t > cutoff);
	}
}
