import { describe, expect, it } from 'vitest';
import { databasePerTest, ENGINES, insertUser } from '../database/engines.testing';
import { EmailAllowance, emailLimitsFromEnv } from './email-allowance';

const HOUR = 60 * 60 * 1000;

/** `count` takes one after another (each sees the ones before), their `ok`s in order. */
async function takes(allowance: EmailAllowance, userId: string, count: number) {
	const oks: boolean[] = [];
	for (let i = 0; i < count; i++) {
		oks.push((await allowance.take(userId)).ok);
	}
	return oks;
}

describe.each(ENGINES)('EmailAllowance on %s', (engine) => {
	const databases = databasePerTest(engine);

	it('a new account gets the stricter limit, then the full one after its first day', async () => {
		await insertUser(databases.current, { id: 'nia' });
		let now = Date.now();
		const allowance = new EmailAllowance(
			databases.current,
			{ perHour: 5, newAccountPerHour: 2, newAccountMs: 24 * HOUR },
			() => now
		);
		expect(await takes(allowance, 'nia', 3)).toEqual([true, true, false]);
		const refused = await allowance.take('nia');
		expect(refused.ok ? null : refused.error).toMatchObject({
			code: 'rate-limited',
			retryAfterSeconds: 3600
		});
		// A day later the account is established and the hour has rolled over.
		now += 25 * HOUR;
		expect(await takes(allowance, 'nia', 6)).toEqual([true, true, true, true, true, false]);
		// Each send frees its place an hour after it was made.
		now += 30 * 60 * 1000;
		expect((await allowance.take('nia')).ok).toBe(false);
		now += 30 * 60 * 1000 + 1;
		expect((await allowance.take('nia')).ok).toBe(true);
	});

	it('accounts are counted apart', async () => {
		await insertUser(databases.current, { id: 'a' });
		await insertUser(databases.current, { id: 'b' });
		const allowance = new EmailAllowance(databases.current, { newAccountPerHour: 1 });
		expect((await allowance.take('a')).ok).toBe(true);
		expect((await allowance.take('a')).ok).toBe(false);
		expect((await allowance.take('b')).ok).toBe(true);
	});

	it('two server instances share one allowance, even taking at the same moment', async () => {
		await insertUser(databases.current, { id: 'nia' });
		const limits = { newAccountPerHour: 5 };
		const one = new EmailAllowance(databases.current, limits);
		const two = new EmailAllowance(await databases.another(), limits);
		const results = await Promise.all(
			Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? one : two).take('nia'))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(5);
		// A restarted instance remembers the hour.
		const restarted = new EmailAllowance(await databases.another(), limits);
		expect((await restarted.take('nia')).ok).toBe(false);
	});

	it('forgets sends older than an hour', async () => {
		await insertUser(databases.current, { id: 'nia' });
		let now = Date.now();
		const allowance = new EmailAllowance(databases.current, {}, () => now);
		await takes(allowance, 'nia', 3);
		now += HOUR + 1;
		await allowance.take('nia');
		const rows = await databases.current.db.selectFrom('email_sends').selectAll().execute();
		expect(rows).toEqual([{ user_id: 'nia', sent_at: now }]);
	});
});

describe('emailLimitsFromEnv', () => {
	it('reads its limits from the environment and refuses nonsense', () => {
		expect(emailLimitsFromEnv({ TANDEM_MAIL_PER_HOUR: '7', TANDEM_MAIL_PER_HOUR_NEW: '' })).toEqual(
			{
				perHour: 7
			}
		);
		expect(() => emailLimitsFromEnv({ TANDEM_MAIL_PER_HOUR_NEW: '-1' })).toThrow(
			/TANDEM_MAIL_PER_HOUR_NEW/
		);
	});
});
