import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileInputSchema } from '../../api/profile';
import { parseWith } from '../../api/parse';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { err } from '../errors';

const profile = {
	bio: 'Coach since 2010.',
	photo: `data:image/webp;base64,${Buffer.from('webp bytes').toString('base64')}`,
	links: [{ label: 'Site', url: 'https://cora.example' }],
	greeting: 'Welcome aboard!'
};

describe('coach public profile (real SQLite)', () => {
	let f: ReturnType<typeof membershipFixture>;
	beforeEach(() => {
		f = membershipFixture();
	});
	afterEach(() => f.cleanup());

	it('is null until published, then round-trips and replaces as a whole', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		expect(await f.profiles.get(coach)).toBeNull();
		const saved = await f.profiles.put(coach, { ...profile, name: 'Cora Coach' });
		const expected = {
			name: 'Cora Coach',
			...profile,
			updatedAt: new Date(f.clock.now()).toISOString()
		};
		expect(saved).toEqual({ ok: true, value: expected });
		expect(await f.profiles.get(coach)).toEqual(expected);
		expect((await f.users.byId(coach.id))?.name).toBe('Cora Coach');

		f.clock.advance(1000);
		await f.profiles.put(coach, { ...profile, photo: null, links: [] });
		expect(await f.profiles.get(coach)).toMatchObject({
			name: 'Cora Coach',
			photo: null,
			links: []
		});
	});

	it('refuses invalid input and keeps the old profile', async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		await f.profiles.put(coach, profile);
		// As PUT /api/profile reads a body: through its schema, then the service.
		const body = parseWith(profileInputSchema, {
			...profile,
			links: [{ label: 'x', url: 'ftp://a' }]
		});
		const refused = body.ok
			? await f.profiles.put(coach, body.value)
			: err('invalid-input', body.message);
		expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		expect((await f.profiles.get(coach))?.links).toEqual(profile.links);
	});

	it("clients see their coach's profile in their engagement list", async () => {
		const coach = await f.account('coach', 'Cora', 'cora@example.com');
		const { invite } = await f.invite(coach, { email: 'c@example.com' });
		const client = await f.account('client', 'Cli', 'c@example.com');
		f.engagementsStore().activate(invite.engagementId, client.id);
		expect(f.memberships.list(client).engagements[0]?.coach.profile).toBeNull();
		await f.profiles.put(coach, profile);
		expect(f.memberships.list(client).engagements[0]?.coach).toEqual({
			id: coach.id,
			name: 'Cora',
			profile: { ...profile, updatedAt: new Date(f.clock.now()).toISOString() },
			formerIds: []
		});
	});
});
