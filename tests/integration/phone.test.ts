import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, readDb, signupCoach } from './memberships.helpers';
import { inviteAndAccept } from './packages.helpers';

describe('client phone number (PUT /api/me/phone)', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('the client sets, changes and removes it; their coach sees it in the engagement list', async () => {
		const coach = await signupCoach(server, 'Carla');
		const { client, engagementId } = await inviteAndAccept(server, coach.client);
		const coachView = async () =>
			(await body(await coach.client.get('/api/engagements'))).engagements.find(
				(e: { id: string }) => e.id === engagementId
			).client.phone;
		expect(await coachView()).toBeNull();
		expect((await body(await client.get('/api/me/phone'))).user.phone).toBeNull();

		const put = await client.request('PUT', '/api/me/phone', { phone: '  +44 20  7946 0958 ' });
		expect(put.status).toBe(200);
		const saved = (await body(put)).user;
		expect(saved).toMatchObject({ role: 'client', name: 'Clio Client', phone: '+44 20 7946 0958' });
		expect((await body(await client.get('/api/me/phone'))).user.phone).toBe('+44 20 7946 0958');
		expect(await coachView()).toBe('+44 20 7946 0958');
		const own = await body(await client.get('/api/engagements'));
		expect(own.engagements[0].client.phone).toBe('+44 20 7946 0958');

		const cleared = await client.request('PUT', '/api/me/phone', { phone: null });
		expect((await body(cleared)).user.phone).toBeNull();
		expect(await coachView()).toBeNull();
		const stored = readDb(server, (db) =>
			db.prepare('SELECT phone FROM users WHERE id = ?').get(saved.id)
		);
		expect(stored).toEqual({ phone: null });
	});

	it('refuses implausible numbers, bad bodies and strangers with clear errors', async () => {
		const coach = await signupCoach(server);
		const { client } = await inviteAndAccept(server, coach.client);
		const cases: [unknown, number, RegExp][] = [
			[{ phone: 'call me' }, 400, /6 to 15 digits/],
			[{ phone: '12' }, 400, /6 to 15 digits/],
			[{ phone: `+1 ${'5'.repeat(40)}` }, 400, /too long/],
			[{ phone: 447700900123 }, 400, /must be text/],
			[{ number: '+44 20 7946 0958' }, 400, /Send \{ "phone"/],
			['not json', 400, /not valid JSON/]
		];
		for (const [sent, status, message] of cases) {
			const response = await client.request('PUT', '/api/me/phone', sent);
			expect(response.status, JSON.stringify(sent)).toBe(status);
			expect((await body(response)).error).toMatch(message);
		}
		const huge = await client.request('PUT', '/api/me/phone', { phone: 'x'.repeat(5000) });
		expect(huge.status).toBe(413);
		expect((await body(await client.get('/api/me/phone'))).user.phone).toBeNull();

		const stranger = new HttpClient(server.url);
		expect(
			(await stranger.request('PUT', '/api/me/phone', { phone: '+1 555 010 9999' })).status
		).toBe(401);
		const foreign = new HttpClient(server.url, { origin: 'http://evil.example' });
		expect((await foreign.request('PUT', '/api/me/phone', { phone: null })).status).toBe(403);
	});
});
