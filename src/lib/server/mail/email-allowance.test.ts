import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { EmailAllowance, emailLimitsFromEnv } from './email-allowance';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => (f = membershipFixture()));
afterEach(() => f.cleanup());

const HOUR = 60 * 60 * 1000;

describe('EmailAllowance', () => {
	it('a new account gets the stricter limit, then the full one after its first day', async () => {
		const user = await f.account('coach', 'Nia', 'nia@example.com');
		let now = Date.now();
		const allowance = new EmailAllowance(
			f.db,
			{ perHour: 5, newAccountPerHour: 2, newAccountMs: 24 * HOUR },
			() => now
		);
		expect([1, 2, 3].map(() => allowance.take(user.id).ok)).toEqual([true, true, false]);
		const refused = allowance.take(user.id);
		expect(refused.ok ? null : refused.error).toMatchObject({
			code: 'rate-limited',
			retryAfterSeconds: 3600
		});
		// A day later the account is established and the hour has rolled over.
		now += 25 * HOUR;
		expect(Array.from({ length: 6 }, () => allowance.take(user.id).ok)).toEqual([
			true,
			true,
			true,
			true,
			true,
			false
		]);
		// Each send frees its place an hour after it was made.
		now += 30 * 60 * 1000;
		expect(allowance.take(user.id).ok).toBe(false);
		now += 30 * 60 * 1000 + 1;
		expect(allowance.take(user.id).ok).toBe(true);
	});

	it('accounts are counted apart', async () => {
		const a = await f.account('coach', 'A', 'a@example.com');
		const b = await f.account('coach', 'B', 'b@example.com');
		const allowance = new EmailAllowance(f.db, { newAccountPerHour: 1 });
		expect(allowance.take(a.id).ok).toBe(true);
		expect(allowance.take(a.id).ok).toBe(false);
		expect(allowance.take(b.id).ok).toBe(true);
	});

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
