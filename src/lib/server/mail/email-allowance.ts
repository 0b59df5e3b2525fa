import type { Db } from '../db';
import { err, ok, type Result } from '../errors';

const HOUR_MS = 60 * 60 * 1000;

export interface EmailAllowanceLimits {
	/** Emails an account may cause per rolling hour. */
	perHour: number;
	/** The same for an account in its first `newAccountMs` (signing up is open to anyone). */
	newAccountPerHour: number;
	newAccountMs: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailAllowanceLimits = {
	perHour: 100,
	newAccountPerHour: 20,
	newAccountMs: 24 * HOUR_MS
};

/**
 * How many emails one account may make Tandem send to others (invitations, notification
 * emails), per rolling hour, so an account cannot turn Tandem into a spam relay. Stricter while
 * the account is new. Counted in this process's memory: a restart forgets the last hour, which
 * is harmless next to the 24 h an abuser would need to become "established".
 *
 *     const allowed = allowance.take(coach.id);
 *     if (!allowed.ok) return allowed; // 429 with Retry-After
 */
export class EmailAllowance {
	#db: Db;
	#limits: EmailAllowanceLimits;
	#now: () => number;
	/** userId → send times within the last hour, oldest first. */
	#sent = new Map<string, number[]>();

	constructor(db: Db, limits: Partial<EmailAllowanceLimits> = {}, now: () => number = Date.now) {
		this.#db = db;
		this.#limits = { ...DEFAULT_EMAIL_LIMITS, ...limits };
		this.#now = now;
	}

	/** Counts one email caused by `userId`, or refuses it (nothing counted) when over the limit. */
	take(userId: string): Result<void> {
		const now = this.#now();
		const recent = (this.#sent.get(userId) ?? []).filter((at) => at > now - HOUR_MS);
		const limit = this.#limitFor(userId, now);
		if (recent.length >= limit) {
			this.#sent.set(userId, recent);
			const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + HOUR_MS - now) / 1000));
			return err(
				'rate-limited',
				`You have sent ${limit} emails in the last hour, the most Tandem sends for one account. ` +
					`Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
				{ retryAfterSeconds }
			);
		}
		recent.push(now);
		this.#sent.set(userId, recent);
		return ok(undefined);
	}

	#limitFor(userId: string, now: number): number {
		const row = this.#db.prepare('SELECT created_at FROM users WHERE id = ?').get(userId) as
			{ created_at: number } | undefined;
		const isNew = !row || now - row.created_at < this.#limits.newAccountMs;
		return isNew ? this.#limits.newAccountPerHour : this.#limits.perHour;
	}
}

/** TANDEM_MAIL_PER_HOUR and TANDEM_MAIL_PER_HOUR_NEW override the defaults (whole numbers). */
export function emailLimitsFromEnv(
	env: Record<string, string | undefined>
): Partial<EmailAllowanceLimits> {
	const limits: Partial<EmailAllowanceLimits> = {};
	for (const [name, key] of [
		['TANDEM_MAIL_PER_HOUR', 'perHour'],
		['TANDEM_MAIL_PER_HOUR_NEW', 'newAccountPerHour']
	] as const) {
		const raw = env[name];
		if (raw === undefined || raw === '') {
			continue;
		}
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 0) {
			throw new Error(`${name} must be a whole number, got "${raw}"`);
		}
		limits[key] = value;
	}
	return limits;
}
