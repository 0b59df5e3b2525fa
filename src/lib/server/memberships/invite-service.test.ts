import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteInputSchema } from '../../api/invites';
import { parseWith } from '../../api/parse';
import { INVITE_TTL_MS } from './invite-service';
import { membershipFixture, ORIGIN } from './membership-fixture.testing';
import { hashSecret } from './secret-hash';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

const never = (): never => {
	throw new Error('the test input is valid');
};

describe('InviteService.create', () => {
	it('creates a pending invite and engagement, and emails a link to the origin', async () => {
		const coach = await f.account('coach', 'Cora Coach', 'cora@example.com');
		const { invite, token } = await f.invite(coach, {
			email: 'cli@example.com',
			message: 'Looking forward!'
		});
		expect(invite).toMatchObject({ email: 'cli@example.com', status: 'pending' });
		expect(invite.delivery).toMatchObject({ status: 'sent', error: null, attempts: 1 });
		const mail = f.mailer.sent[0]!;
		expect(mail.to).toBe('cli@example.com');
		expect(mail.text).toContain(`${ORIGIN}/invite/${token}`);
		expect(mail.text).toContain('Cora Coach');
		expect(mail.text).toContain('Looking forward!');
		const list = f.memberships.list(coach);
		expect(list.engagements).toEqual([
			expect.objectContaining({
				id: invite.engagementId,
				status: 'pending',
				client: {
					id: null,
					name: 'Cli Ent',
					email: 'cli@example.com',
					phone: null,
					formerIds: []
				}
			})
		]);
	});

	it('stores only a hash of the token: the raw token is nowhere in the database file', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		f.db.pragma('wal_checkpoint(TRUNCATE)');
		const rows = f.db.prepare('SELECT * FROM invites').all();
		expect(JSON.stringify(rows)).not.toContain(token);
		const stored = f.db.prepare('SELECT token_hash FROM invites').get() as { token_hash: Buffer };
		expect(new Uint8Array(stored.token_hash)).toEqual(hashSecret(token));
		const fileBytes = (await import('node:fs')).readFileSync(`${f.dir}/tandem.sqlite`);
		expect(fileBytes.includes(Buffer.from(token))).toBe(false);
	});

	it('re-inviting an open invite re-sends it: same invite, new token, old link dead', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const first = await f.invite(coach, { email: 'cli@example.com', name: 'Old Name' });
		const second = await f.invite(coach, { email: 'CLI@example.com ', name: 'New Name' });
		expect(second.invite.id).toBe(first.invite.id);
		expect(second.invite.name).toBe('New Name');
		expect(second.token).not.toBe(first.token);
		expect(f.invites.usable(first.token)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(f.invites.usable(second.token).ok).toBe(true);
		expect(f.invites.list(coach)).toHaveLength(1);
		expect(f.memberships.list(coach).engagements).toHaveLength(1);
	});

	it('refuses an email that is already an active client of this coach (409)', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		await f.inviteAcceptance.accept(token, { name: null, password: 'a good password' }, '1.1.1.1');
		const again = await f.invites.create(
			coach,
			{ name: 'X', email: 'cli@example.com', clientType: null, message: null, packageId: null },
			ORIGIN
		);
		expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});

	it("invites a coach's address like any other (no account discovery); refuses an unknown package", async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		await f.account('coach', 'Other', 'other@example.com');
		const base = { name: 'X', clientType: null, message: null, packageId: null };
		const coachEmail = await f.invites.create(
			coach,
			{ ...base, email: 'other@example.com' },
			ORIGIN
		);
		expect(coachEmail).toMatchObject({ ok: true, value: { status: 'pending' } });
		const badPackage = await f.invites.create(
			coach,
			{ ...base, email: 'c@example.com', packageId: 'nope' },
			ORIGIN
		);
		expect(badPackage).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		const pkg = f.packages.create(coach, {
			name: 'Six sessions',
			sessionsTotal: 6,
			sessionMinutes: 60,
			priceCents: 60000,
			currency: 'EUR',
			noShowConsumesSession: true
		});
		if (!pkg.ok) {
			throw new Error(pkg.error.message);
		}
		const good = await f.invites.create(
			coach,
			{ ...base, email: 'c@example.com', packageId: pkg.value.id },
			ORIGIN
		);
		expect(good.ok).toBe(true);
	});

	it('records a failed delivery on the invite so the coach can see it', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		f.mailer.failWith = 'connect ECONNREFUSED 127.0.0.1:25';
		const created = await f.invites.create(
			coach,
			{ name: 'X', email: 'c@example.com', clientType: null, message: null, packageId: null },
			ORIGIN
		);
		expect(created.ok && created.value.delivery).toMatchObject({
			status: 'failed',
			error: 'connect ECONNREFUSED 127.0.0.1:25',
			attempts: 3
		});
		expect(f.invites.list(coach)[0]!.delivery.status).toBe('failed');
	});
});

describe('invitation emails are rate-limited per account', () => {
	it('a fresh coach sending 40 invitations: 20 go out, the rest get 429 and leave nothing', async () => {
		const coach = await f.account('coach', 'Sam Spammer', 'sam@example.com');
		const results = [];
		for (let i = 0; i < 40; i += 1) {
			const input = parseWith(inviteInputSchema, {
				name: `Target ${i}`,
				email: `t${i}@example.com`
			});
			results.push(await f.invites.create(coach, input.ok ? input.value : never(), ORIGIN));
		}
		expect(results.filter((r) => r.ok)).toHaveLength(20);
		const refused = results.find((r) => !r.ok);
		expect(refused?.ok ? null : refused?.error).toMatchObject({
			code: 'rate-limited',
			retryAfterSeconds: expect.any(Number)
		});
		expect(f.mailer.sent).toHaveLength(20);
		expect(f.invites.list(coach)).toHaveLength(20);
		// Resending is an email too.
		const first = f.invites.list(coach)[0]!;
		const resent = await f.invites.resend(coach, first.id, ORIGIN);
		expect(resent.ok ? null : resent.error.code).toBe('rate-limited');
		// Another coach is not affected.
		const other = await f.account('coach', 'Olga', 'olga@example.com');
		await f.invite(other, { email: 'real@example.com' });
		expect(f.mailer.sent.at(-1)!.to).toBe('real@example.com');
	});
});

describe('invite expiry, resend and revoke', () => {
	it('is usable until 14 days have passed, then gone (410)', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		f.clock.advance(INVITE_TTL_MS - 1);
		expect((await f.invites.preview(token)).ok).toBe(true);
		f.clock.advance(1);
		expect(await f.invites.preview(token)).toMatchObject({ ok: false, error: { code: 'gone' } });
		expect(f.invites.list(coach)[0]!.status).toBe('expired');
	});

	it('resend gives an expired invite a new token and 14 more days', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { invite, token } = await f.invite(coach, { email: 'cli@example.com' });
		f.clock.advance(INVITE_TTL_MS + 1000);
		const resent = await f.invites.resend(coach, invite.id, ORIGIN);
		expect(resent).toMatchObject({ ok: true, value: { status: 'pending' } });
		const fresh = f.mailer.lastToken();
		expect(fresh).not.toBe(token);
		expect(await f.invites.preview(token)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect((await f.invites.preview(fresh)).ok).toBe(true);
	});

	it("a coach cannot resend or revoke another coach's invite (404)", async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const other = await f.account('coach', 'Otto', 'otto@example.com');
		const { invite } = await f.invite(coach, { email: 'cli@example.com' });
		const resent = await f.invites.resend(other, invite.id, ORIGIN);
		expect(resent).toMatchObject({ ok: false, error: { code: 'not-found' } });
		expect(f.invites.revoke(other, invite.id)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
	});

	it('revoking a pending invite kills the link and ends the engagement', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { invite, token } = await f.invite(coach, { email: 'cli@example.com' });
		expect(f.invites.revoke(coach, invite.id)).toMatchObject({
			ok: true,
			value: { status: 'revoked' }
		});
		expect(await f.invites.preview(token)).toMatchObject({ ok: false, error: { code: 'gone' } });
		expect(f.memberships.list(coach).engagements[0]!.status).toBe('ended');
		const resent = await f.invites.resend(coach, invite.id, ORIGIN);
		expect(resent).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});
});
