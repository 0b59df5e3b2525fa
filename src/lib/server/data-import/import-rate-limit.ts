import { err, ok, type Result } from '../errors';

export interface ImportRateRule {
	/** Imports one account may start within `windowMs`, whatever their outcome. */
	max: number;
	windowMs: number;
}

// A coach imports once when moving servers, perhaps again after fixing a file: ten an hour is
// plenty for that, and bounds the worker time one account can make the server spend.
export const DEFAULT_IMPORT_RATE: ImportRateRule = { max: 10, windowMs: 60 * 60 * 1000 };

/**
 * Counts import attempts per account in a sliding window (in memory: a restart forgets them,
 * which costs at most one more window's worth).
 *
 *     const allowed = limit.take(coach.id); // err('rate-limited') past the rule
 */
export class ImportRateLimit {
	readonly #rule: ImportRateRule;
	readonly #now: () => number;
	readonly #attempts = new Map<string, number[]>();

	constructor(rule: ImportRateRule = DEFAULT_IMPORT_RATE, now: () => number = Date.now) {
		this.#rule = rule;
		this.#now = now;
	}

	take(accountId: string): Result<null> {
		const now = this.#now();
		const recent = (this.#attempts.get(accountId) ?? []).filter(
			(at) => at > now - this.#rule.windowMs
		);
		if (recent.length >= this.#rule.max) {
			const retryAfterSeconds = Math.max(
				1,
				Math.ceil((recent[0]! + this.#rule.windowMs - now) / 1000)
			);
			this.#attempts.set(accountId, recent);
			return err(
				'rate-limited',
				`Too many imports from this account (at most ${this.#rule.max} in ${Math.round(this.#rule.windowMs / 60_000)} minutes). Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
				{ retryAfterSeconds }
			);
		}
		recent.push(now);
		this.#attempts.set(accountId, recent);
		return ok(null);
	}
}
