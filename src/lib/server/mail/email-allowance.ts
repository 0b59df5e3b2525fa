import { sql } from 'kysely';
import type { AppDatabase } from '../database/app-database';
import { underUserLock } from '../database/user-lock';
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
 * the account is new. Counted in the database (`email_sends`), so several server instances share
 * one allowance and a restart forgets nothing.
 *
 *     const allowed = await allowance.take(coach.id);
 *     if (!allowed.ok) return allowed; // 429 with Retry-After
 */
export class EmailAllowance {
	#database: AppDatabase;
	#limits: EmailAllowanceLimits;
	#now: () => number;

	constructor(
		database: AppDatabase,
		limits: Partial<EmailAllowanceLimits> = {},
		now: () => number = Date.now
	) {
		this.#database = database;
		this.#limits = { ...DEFAULT_EMAIL_LIMITS, ...limits };
		this.#now = now;
	}

	/** Counts one email caused by `userId`, or refuses it (nothing counted) when over the limit. */
	async take(userId: string): Promise<Result<void>> {
		const now = this.#now();
		const since = now - HOUR_MS;
		const { perHour, newAccountPerHour, newAccountMs } = this.#limits;
		// One statement counts and records, so two requests (or instances) cannot both take the last place.
		const taken = await underUserLock(this.#database, userId, (db) =>
			db
				.insertInto('email_sends')
				.columns(['user_id', 'sent_at'])
				.expression((eb) =>
					eb
						.selectFrom('users')
						.select(['id', sql<number>`cast(${now} as bigint)`.as('sent_at')])
						.where('id', '=', userId)
						.where(({ eb: e, selectFrom }) =>
							e(
								selectFrom('email_sends')
									.select((c) => c.fn.countAll<number>().as('n'))
									.where('user_id', '=', userId)
									.where('sent_at', '>', since),
								'<',
								e
									.case()
									.when('created_at', '>', now - newAccountMs)
									.then(newAccountPerHour)
									.else(perHour)
									.end()
							)
						)
				)
				.executeTakeFirst()
		);
		if (Number(taken.numInsertedOrUpdatedRows ?? 0n) === 1) {
			// Sends older than the hour count for nothing any more.
			await this.#database.db
				.deleteFrom('email_sends')
				.where('user_id', '=', userId)
				.where('sent_at', '<=', since)
				.execute();
			return ok(undefined);
		}
		return this.#refusal(userId, now);
	}

	async #refusal(userId: string, now: number): Promise<Result<void>> {
		const { db } = this.#database;
		const user = await db
			.selectFrom('users')
			.select('created_at')
			.where('id', '=', userId)
			.executeTakeFirst();
		const isNew = !user || now - user.created_at < this.#limits.newAccountMs;
		const limit = isNew ? this.#limits.newAccountPerHour : this.#limits.perHour;
		const recent = await db
			.selectFrom('email_sends')
			.select((eb) => eb.fn.min('sent_at').as('oldest'))
			.where('user_id', '=', userId)
			.where('sent_at', '>', now - HOUR_MS)
			.executeTakeFirst();
		const oldest = recent?.oldest ?? now;
		const retryAfterSeconds = Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
		return err(
			'rate-limited',
			`You have sent ${limit} emails in the last hour, the most Tandem sends for one account. ` +
				`Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
			{ retryAfterSeconds }
		);
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
