import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import { membershipFixture } from './membership-fixture.testing';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

async function activeEngagement() {
	const coach = await f.account('coach', 'Cora', 'cora@example.com');
	const { token, invite } = await f.invite(coach, { email: 'cli@example.com' });
	const accepted = await f.inviteAcceptance.accept(
		token,
		{ name: null, password: 'client password' },
		'1.1.1.1'
	);
	if (!accepted.ok) {
		throw new Error(accepted.error.message);
	}
	const client: PublicUser = accepted.value.signedIn.user;
	return { coach, client, id: invite.engagementId, inviteId: invite.id };
}

describe('MembershipService.docAccess', () => {
	it('eng: coach and active client write; sub: coach writes, client reads', async () => {
		const { coach, client, id } = await activeEngagement();
		expect(await f.memberships.docAccess(coach.id, `eng:${id}`)).toBe('read-write');
		expect(await f.memberships.docAccess(client.id, `eng:${id}`)).toBe('read-write');
		expect(await f.memberships.docAccess(coach.id, `sub:${id}`)).toBe('read-write');
		expect(await f.memberships.docAccess(client.id, `sub:${id}`)).toBe('read-only');
	});

	it('coach: only that coach, never a client or another coach', async () => {
		const { coach, client } = await activeEngagement();
		const other = await f.account('coach', 'Otto', 'otto@example.com');
		expect(await f.memberships.docAccess(coach.id, `coach:${coach.id}`)).toBe('read-write');
		expect(await f.memberships.docAccess(other.id, `coach:${coach.id}`)).toBe('none');
		expect(await f.memberships.docAccess(client.id, `coach:${coach.id}`)).toBe('none');
		// A client's id in a coach doc name is not a doc anyone owns.
		expect(await f.memberships.docAccess(client.id, `coach:${client.id}`)).toBe('none');
	});

	it('strangers, unknown engagements and malformed names get none', async () => {
		const { id } = await activeEngagement();
		const stranger = await f.account('client', 'Sam', 'sam@example.com');
		const otherCoach = await f.account('coach', 'Otto', 'otto@example.com');
		for (const user of [stranger, otherCoach]) {
			expect(await f.memberships.docAccess(user.id, `eng:${id}`)).toBe('none');
			expect(await f.memberships.docAccess(user.id, `sub:${id}`)).toBe('none');
		}
		expect(await f.memberships.docAccess(stranger.id, 'eng:doesnotexist')).toBe('none');
		expect(await f.memberships.docAccess(stranger.id, `ENG:${id}`)).toBe('none');
		expect(await f.memberships.docAccess(stranger.id, `notes:${id}`)).toBe('none');
		expect(await f.memberships.docAccess(stranger.id, '')).toBe('none');
	});

	it('a pending engagement is open to its coach only, not to the invited account', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const invitee = await f.account('client', 'Ina', 'ina@example.com');
		const { invite } = await f.invite(coach, { email: 'ina@example.com' });
		const id = invite.engagementId;
		expect(await f.memberships.docAccess(coach.id, `sub:${id}`)).toBe('read-write');
		expect(await f.memberships.docAccess(invitee.id, `eng:${id}`)).toBe('none');
		expect(await f.memberships.docAccess(invitee.id, `sub:${id}`)).toBe('none');
	});
});

describe('ending an engagement', () => {
	it('removes the client from both docs and tells listeners', async () => {
		const { coach, client, id } = await activeEngagement();
		const removed: [string, string[]][] = [];
		const off = f.memberships.onAccessRemoved((userId, docs) => removed.push([userId, docs]));
		expect(f.memberships.end(coach.id, id)).toMatchObject({ ok: true, value: { status: 'ended' } });
		expect(removed).toEqual([[client.id, [`eng:${id}`, `sub:${id}`]]]);
		expect(await f.memberships.docAccess(client.id, `eng:${id}`)).toBe('none');
		expect(await f.memberships.docAccess(coach.id, `eng:${id}`)).toBe('read-write');
		expect(f.memberships.list(client).engagements).toEqual([]);
		// Ending again changes nothing and announces nothing.
		f.memberships.end(coach.id, id);
		expect(removed).toHaveLength(1);
		off();
	});

	it('revoking the accepted invite ends it the same way', async () => {
		const { coach, client, id, inviteId } = await activeEngagement();
		const removed: string[] = [];
		f.memberships.onAccessRemoved((userId) => removed.push(userId));
		expect(f.invites.revoke(coach, inviteId)).toMatchObject({
			ok: true,
			value: { status: 'revoked' }
		});
		expect(removed).toEqual([client.id]);
		expect(await f.memberships.docAccess(client.id, `sub:${id}`)).toBe('none');
	});

	it("another coach cannot end it (404) and the client's access stays", async () => {
		const { client, id } = await activeEngagement();
		const other = await f.account('coach', 'Otto', 'otto@example.com');
		expect(f.memberships.end(other.id, id)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(await f.memberships.docAccess(client.id, `eng:${id}`)).toBe('read-write');
	});

	it('announceUserRemoved lists every doc the user could open', async () => {
		const { coach, id } = await activeEngagement();
		const removed: string[][] = [];
		f.memberships.onAccessRemoved((_userId, docs) => removed.push(docs));
		await f.memberships.announceUserRemoved(coach.id);
		expect(removed).toEqual([[`coach:${coach.id}`, `eng:${id}`, `sub:${id}`]]);
	});
});

describe('MembershipService.list', () => {
	it('shows each side only its own engagements, with the coach doc for coaches', async () => {
		const { coach, client, id } = await activeEngagement();
		const other = await f.account('coach', 'Otto', 'otto@example.com');
		await f.invite(other, { email: 'someone@example.com' });
		const mine = f.memberships.list(coach);
		expect(mine.coachDoc).toBe(`coach:${coach.id}`);
		expect(mine.engagements.map((e) => e.id)).toEqual([id]);
		expect(mine.engagements[0]!.docs).toEqual({ shared: `eng:${id}`, subscription: `sub:${id}` });
		const theirs = f.memberships.list(client);
		expect(theirs.coachDoc).toBeUndefined();
		expect(theirs.engagements.map((e) => e.id)).toEqual([id]);
		expect(f.memberships.list(other).engagements.map((e) => e.client.email)).toEqual([
			'someone@example.com'
		]);
	});
});
