/**
 * Slows password guessing the way OWASP's authentication cheat sheet advises, without handing an
 * attacker a way to lock the owner out:
 * - per account + address: a few free mistakes, then a delay that doubles with each failure
 *   (capped), so guessing one account from one place crawls while the owner elsewhere is untouched;
 * - per address: many failures (credential stuffing across accounts) refuse further tries from
 *   there, except for accounts that signed in successfully from that address before;
 * - per account, across addresses: a burst of failures is reported once, so the owner is warned.
 * In memory on purpose (one process): a restart forgetting the counts only gives an attacker one
 * more small window, while a table would add a write to every failed login.
 */
export const signInPolicy = {
	/** Failures per account + address before any delay (typos, caps lock). */
	freeFailures: 5,
	/** The delay after the first failure past the free ones; doubles with each further one. */
	baseDelayMs: 30_000,
	maxDelayMs: 15 * 60_000,
	/** Failures for one account + address are forgotten this long after the last one. */
	pairMemoryMs: 60 * 60_000,
	/** Failures from one address (any accounts) within the window before it is refused. */
	addressFailures: 50,
	addressWindowMs: 15 * 60_000,
	/** An account signed in from an address stays exempt from that address's limit this long. */
	knownPairMs: 30 * 24 * 60 * 60_000,
	/** Failures on one account (any addresses) within the window that make a burst. */
	burstFailures: 10,
	burstWindowMs: 15 * 60_000
};

export type SignInPolicy = typeof signInPolicy;

interface Window {
	times: number[];
	/** A burst warning went out for this run of failures (accounts only). */
	warned?: boolean;
}

// Known pairs are bounded: the oldest entries go first once there are this many.
const MAX_KNOWN_PAIRS = 100_000;

export class SignInGuard {
	#pairs = new Map<string, Window>();
	#addresses = new Map<string, Window>();
	#accounts = new Map<string, Window>();
	#known = new Map<string, number>();
	#now: () => number;
	#policy: SignInPolicy;

	constructor(options: { now?: () => number; policy?: Partial<SignInPolicy> } = {}) {
		this.#now = options.now ?? Date.now;
		this.#policy = { ...signInPolicy, ...options.policy };
	}

	/** Seconds before `email` may be tried from `address` again, or 0 to go ahead. */
	retryAfterSeconds(email: string, address: string): number {
		const now = this.#now();
		const waitMs = Math.max(
			this.#pairWaitMs(email, address, now),
			this.#addressWaitMs(email, address, now)
		);
		return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
	}

	/** Records a wrong password (or unknown email); true when this failure starts a burst to report. */
	failed(email: string, address: string): { burst: boolean } {
		const now = this.#now();
		const p = this.#policy;
		this.#push(this.#pairs, pairKey(email, address), now, p.pairMemoryMs);
		this.#push(this.#addresses, address, now, p.addressWindowMs);
		const account = this.#push(this.#accounts, email, now, p.burstWindowMs);
		if (account.times.length >= p.burstFailures && !account.warned) {
			account.warned = true;
			return { burst: true };
		}
		return { burst: false };
	}

	/** The right password: that pair starts afresh and is exempt from its address's limit. */
	succeeded(email: string, address: string): void {
		const key = pairKey(email, address);
		this.#pairs.delete(key);
		this.#known.delete(key);
		this.#known.set(key, this.#now());
		if (this.#known.size > MAX_KNOWN_PAIRS) {
			const oldest = this.#known.keys().next().value;
			if (oldest !== undefined) {
				this.#known.delete(oldest);
			}
		}
	}

	/** Drops what has aged out, so memory stays bounded. */
	sweep(): void {
		const now = this.#now();
		const p = this.#policy;
		prune(this.#pairs, now - p.pairMemoryMs);
		prune(this.#addresses, now - p.addressWindowMs);
		prune(this.#accounts, now - p.burstWindowMs);
		for (const [key, at] of this.#known) {
			if (at <= now - p.knownPairMs) {
				this.#known.delete(key);
			}
		}
	}

	#pairWaitMs(email: string, address: string, now: number): number {
		const p = this.#policy;
		const times = recent(this.#pairs.get(pairKey(email, address)), now - p.pairMemoryMs);
		const past = times.length - p.freeFailures;
		if (past < 0) {
			return 0;
		}
		const delay = Math.min(p.baseDelayMs * 2 ** past, p.maxDelayMs);
		return (times[times.length - 1] ?? now) + delay - now;
	}

	#addressWaitMs(email: string, address: string, now: number): number {
		const p = this.#policy;
		const times = recent(this.#addresses.get(address), now - p.addressWindowMs);
		if (times.length < p.addressFailures) {
			return 0;
		}
		const knownAt = this.#known.get(pairKey(email, address));
		if (knownAt !== undefined && knownAt > now - p.knownPairMs) {
			return 0;
		}
		// Until enough of the window's failures age out to fall back under the limit.
		const oldest = times[times.length - p.addressFailures] ?? now;
		return oldest + p.addressWindowMs - now;
	}

	#push(map: Map<string, Window>, key: string, now: number, windowMs: number): Window {
		const entry = map.get(key) ?? { times: [] };
		entry.times = recent(entry, now - windowMs);
		if (entry.times.length === 0) {
			// A new run of failures after a quiet window: a new burst may be reported.
			entry.warned = false;
		}
		entry.times.push(now);
		map.set(key, entry);
		return entry;
	}
}

function pairKey(email: string, address: string): string {
	return `${email}\n${address}`;
}

function recent(entry: Window | undefined, cutoff: number): number[] {
	return (entry?.times ?? []).filter((t) => t > cutoff);
}

function prune(map: Map<string, Window>, cutoff: number): void {
	for (const [key, entry] of map) {
		if ((entry.times[entry.times.length - 1] ?? 0) <= cutoff) {
			map.delete(key);
		}
	}
}
