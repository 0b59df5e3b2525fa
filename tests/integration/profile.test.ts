import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, signupCoach } from './memberships.helpers';
import { inviteAndAccept } from './packages.helpers';

const photoOf = (bytes: number, type = 'jpeg') =>
	`data:image/${type};base64,${Buffer.alloc(bytes, 9).toString('base64')}`;

const profile = {
	bio: 'Helping founders sleep again.',
	// Larger than the default 64 KiB body limit: the profile endpoint takes up to 256 KiB.
	photo: photoOf(100 * 1024),
	links: [
		{ label: 'Website', url: 'https://cora.example' },
		{ label: 'Podcast', url: 'http://pod.example/cora' }
	],
	greeting: 'Welcome! Start with the goals tab.'
};

describe('coach public profile', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('round-trips through PUT and GET, and renames the coach when a name is given', async () => {
		const coach = await signupCoach(server);
		expect(await body(await coach.client.get('/api/profile'))).toEqual({ profile: null });

		const put = await coach.client.request('PUT', '/api/profile', {
			...profile,
			name: 'Cora Coach'
		});
		expect(put.status).toBe(200);
		const saved = (await body(put)).profile;
		expect(saved).toEqual({
			name: 'Cora Coach',
			...profile,
			updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
		});
		expect(await body(await coach.client.get('/api/profile'))).toEqual({ profile: saved });
		expect((await body(await coach.client.get('/api/me'))).user.name).toBe('Cora Coach');
	});

	it('shows the profile to the coach’s clients in their engagement list', async () => {
		const coach = await signupCoach(server, 'Carla');
		const { client } = await inviteAndAccept(server, coach.client);
		const before = await body(await client.get('/api/engagements'));
		expect(before.engagements[0].coach).toEqual({
			id: coach.user.id,
			name: 'Carla',
			profile: null,
			formerIds: []
		});
		expect(before.engagements[0].package).toBeNull();

		const put = await coach.client.request('PUT', '/api/profile', { ...profile, photo: null });
		const { updatedAt } = (await body(put)).profile;
		const after = await body(await client.get('/api/engagements'));
		expect(after.engagements[0].coach).toEqual({
			id: coach.user.id,
			name: 'Carla',
			profile: { ...profile, photo: null, updatedAt },
			formerIds: []
		});
	});

	it('refuses invalid profiles with 400 and keeps the stored one', async () => {
		const coach = await signupCoach(server);
		await coach.client.request('PUT', '/api/profile', profile);
		const sixLinks = Array.from({ length: 6 }, (_, i) => ({
			label: `L${i}`,
			url: 'https://a.example'
		}));
		const cases: [unknown, string][] = [
			[
				{ ...profile, photo: photoOf(10, 'gif') },
				'The photo must be a data URL of a JPEG, PNG or WebP image.'
			],
			[{ ...profile, photo: photoOf(151 * 1024) }, 'The photo is too large: at most 150 KB.'],
			[
				{ ...profile, links: [{ label: 'X', url: 'javascript:alert(1)' }] },
				'"X" must be a web address starting with https:// or http://.'
			],
			[{ ...profile, links: sixLinks }, 'At most 5 links.'],
			[{ ...profile, bio: 'b'.repeat(2001) }, '"bio" can be at most 2000 characters.'],
			[{ ...profile, greeting: 'g'.repeat(2001) }, '"greeting" can be at most 2000 characters.'],
			[{ bio: 'only a bio' }, '"photo" must be a data URL or null.']
		];
		for (const [input, error] of cases) {
			const response = await coach.client.request('PUT', '/api/profile', input);
			expect(response.status).toBe(400);
			expect(await body(response)).toEqual({ error, code: 'invalid-input' });
		}
		expect((await body(await coach.client.get('/api/profile'))).profile.links).toEqual(
			profile.links
		);
	});

	it('is coach-only', async () => {
		const coach = await signupCoach(server);
		const { client } = await inviteAndAccept(server, coach.client);
		expect((await client.get('/api/profile')).status).toBe(403);
		expect((await client.request('PUT', '/api/profile', profile)).status).toBe(403);
		expect((await new HttpClient(server.url).get('/api/profile')).status).toBe(401);
	});
});
