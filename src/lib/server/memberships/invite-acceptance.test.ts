import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVITE_TTL_MS } from './invite-service';
import { membershipFixture, PASSWORD } from './membership-fixture.testing';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

const NEW_PASSWORD = 'a fresh password';

describe('InviteAcceptance.accept', () => {
	it('creates a client account, activates the engagement and signs in', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { invite, token } = await f.invite(coach, { email: 'cli@example.com', name: 'Cli' });
		const accepted = await f.inviteAcceptance.accept(
			token,
			{ name: 'Clio Client', password: NEW_PASSWORD },
			'1.1.1.1'
		);
		if (!accepted.ok) {
			throw new Error(accepted.error.message);
		}
		const { signedIn, engagementId } = accepted.value;
		expect(engagementId).toBe(invite.engagementId);
		expect(signedIn.user).toMatchObject({
			name: 'Clio Client',
			email: 'cli@example.com',
			role: 'client'
		});
		expect((await f.auth.current(signedIn.token))?.user.id).toBe(signedIn.user.id);
		const [engagement] = f.memberships.list(signedIn.user).engagements;
		expect(engagement).toMatchObject({
			id: engagementId,
			status: 'active',
			client: { id: signedIn.user.id, name: 'Clio Client' }
		});
		expect(f.invites.list(coach)[0]!.status).toBe('accepted');
	});

	it('is single use: a second accept is gone (410)', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		const input = { name: null, password: NEW_PASSWORD };
		expect((await f.inviteAcceptance.accept(token, input, '1.1.1.1')).ok).toBe(true);
		const again = await f.inviteAcceptance.accept(token, input, '1.1.1.1');
		expect(again).toMatchObject({ ok: false, error: { code: 'gone' } });
	});

	it('an invite whose engagement ended before its revoke landed cannot activate it (410)', async () => {
		// end() marks the engagement ended, then revokes its invites: a crash in between leaves a
		// pending invite of an ended engagement. Activation only applies to a pending engagement.
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { invite, token } = await f.invite(coach, { email: 'cli@example.com' });
		expect(f.engagementsStore().end(invite.engagementId)).toBe(true);
		const accepted = await f.inviteAcceptance.accept(
			token,
			{ name: null, password: NEW_PASSWORD },
			'1.1.1.1'
		);
		expect(accepted).toMatchObject({ ok: false, error: { code: 'gone' } });
		expect(f.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 1 });
		const status = f.db
			.prepare('SELECT status FROM engagements WHERE id = ?')
			.get(invite.engagementId) as { status: string };
		expect(status.status).toBe('ended');
		expect(f.invites.list(coach)[0]!.status).toBe('pending');
	});

	it('two accepts racing for one link: exactly one wins', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		const input = { name: null, password: NEW_PASSWORD };
		const results = await Promise.all([
			f.inviteAcceptance.accept(token, input, '1.1.1.1'),
			f.inviteAcceptance.accept(token, input, '1.1.1.2')
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(f.db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 2 });
	});

	it('an expired link is gone (410) and creates nothing', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		f.clock.advance(INVITE_TTL_MS);
		const result = await f.inviteAcceptance.accept(
			token,
			{ name: null, password: NEW_PASSWORD },
			'1.1.1.1'
		);
		expect(result).toMatchObject({ ok: false, error: { code: 'gone' } });
		expect(await f.users.byEmail('cli@example.com')).toBeNull();
	});

	it('an unknown token is not found (404)', async () => {
		const result = await f.inviteAcceptance.accept(
			'nosuchtoken',
			{ name: null, password: NEW_PASSWORD },
			'1.1.1.1'
		);
		expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
	});

	it('a new account needs a signup-strength password (400)', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'cli@example.com' });
		const result = await f.inviteAcceptance.accept(token, { name: null, password: 'short' }, 'a');
		expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		expect(f.invites.usable(token).ok).toBe(true);
	});

	it('an existing client signs in with their password and gains the new engagement', async () => {
		const first = await f.account('coach', 'Cora', 'cora@example.com');
		const second = await f.account('coach', 'Otto', 'otto@example.com');
		const client = await f.account('client', 'Clio', 'cli@example.com');
		const a = await f.invite(first, { email: 'cli@example.com' });
		await f.inviteAcceptance.accept(a.token, { name: null, password: PASSWORD }, '1.1.1.1');
		const b = await f.invite(second, { email: 'cli@example.com' });
		expect(await f.invites.preview(b.token)).toMatchObject({
			ok: true,
			value: { hasAccount: true }
		});

		const wrong = await f.inviteAcceptance.accept(
			b.token,
			{ name: null, password: 'not the password' },
			'1.1.1.1'
		);
		expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-credentials' } });
		expect(f.invites.usable(b.token).ok).toBe(true);

		const right = await f.inviteAcceptance.accept(
			b.token,
			{ name: 'Ignored', password: PASSWORD },
			'1.1.1.1'
		);
		expect(right).toMatchObject({ ok: true, value: { signedIn: { user: { id: client.id } } } });
		const coaches = f.memberships.list(client).engagements.map((e) => e.coach.name);
		expect(coaches.sort()).toEqual(['Cora', 'Otto']);
		expect((await f.users.byId(client.id))?.name).toBe('Clio');
	});

	it("a coach's email cannot accept as a client (409)", async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { token } = await f.invite(coach, { email: 'late@example.com' });
		// The address became a coach account after the invite went out.
		await f.account('coach', 'Late Coach', 'late@example.com');
		const result = await f.inviteAcceptance.accept(
			token,
			{ name: null, password: PASSWORD },
			'1.1.1.1'
		);
		expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
	});
});
