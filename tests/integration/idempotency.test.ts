import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, signupCoach, uniqueEmail } from './memberships.helpers';
import { outboxMails, sixSessions } from './packages.helpers';

describe('Idempotency-Key on mutating /api requests', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('the same key twice sends one invite and one email; the repeat is a marked replay', async () => {
		const coach = await signupCoach(server);
		const email = uniqueEmail('once');
		const key = crypto.randomUUID();
		const send = () =>
			coach.client.post('/api/invites', { name: 'Ona', email }, { 'Idempotency-Key': key });

		const first = await send();
		expect(first.status).toBe(201);
		expect(first.headers.get('idempotent-replay')).toBeNull();
		const firstBody = await body(first);

		const second = await send();
		expect(second.status).toBe(201);
		expect(second.headers.get('idempotent-replay')).toBe('true');
		expect(second.headers.get('content-type')).toContain('application/json');
		expect(await body(second)).toEqual(firstBody);

		expect((await body(await coach.client.get('/api/invites'))).invites).toHaveLength(1);
		expect(outboxMails(server, email)).toHaveLength(1);
	});

	it('a twin sent while the first is still running is answered once too', async () => {
		const coach = await signupCoach(server);
		const email = uniqueEmail('twin');
		const headers = { 'Idempotency-Key': crypto.randomUUID() };
		const [a, b] = await Promise.all([
			coach.client.post('/api/invites', { name: 'Twin', email }, headers),
			coach.client.post('/api/invites', { name: 'Twin', email }, headers)
		]);
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(await body(a)).toEqual(await body(b));
		expect(outboxMails(server, email)).toHaveLength(1);
	});

	it('the same key for a different path is refused with 422', async () => {
		const coach = await signupCoach(server);
		const headers = { 'Idempotency-Key': crypto.randomUUID() };
		expect((await coach.client.post('/api/packages', sixSessions, headers)).status).toBe(201);
		const reused = await coach.client.post(
			'/api/invites',
			{ name: 'Re', email: uniqueEmail('re') },
			headers
		);
		expect(reused.status).toBe(422);
		expect(await body(reused)).toEqual({
			error: expect.stringContaining('already used for POST /api/packages'),
			code: 'idempotency-key-reused'
		});
		expect((await body(await coach.client.get('/api/invites'))).invites).toHaveLength(0);
	});

	it('stores refusals (4xx) too, and answers a repeat of one with the same refusal', async () => {
		const coach = await signupCoach(server);
		const headers = { 'Idempotency-Key': crypto.randomUUID() };
		const bad = await coach.client.post('/api/packages', { name: 'x' }, headers);
		expect(bad.status).toBe(400);
		const again = await coach.client.post('/api/packages', sixSessions, headers);
		expect(again.status).toBe(400);
		expect(again.headers.get('idempotent-replay')).toBe('true');
		expect((await body(await coach.client.get('/api/packages'))).packages).toHaveLength(0);
	});

	it('without the header, or without a session, requests behave as before', async () => {
		const coach = await signupCoach(server);
		await coach.client.post('/api/packages', sixSessions);
		await coach.client.post('/api/packages', sixSessions);
		expect((await body(await coach.client.get('/api/packages'))).packages).toHaveLength(2);

		const headers = { 'Idempotency-Key': crypto.randomUUID() };
		const signup = { name: 'Nell', email: uniqueEmail('anon'), password };
		expect(
			(await new HttpClient(server.url).post('/api/auth/signup', signup, headers)).status
		).toBe(202);
		const repeat = await new HttpClient(server.url).post('/api/auth/signup', signup, headers);
		expect(repeat.status).toBe(202);
		expect(repeat.headers.get('idempotent-replay')).toBeNull();
	});

	it('refuses a malformed key with 400', async () => {
		const coach = await signupCoach(server);
		const response = await coach.client.post('/api/packages', sixSessions, {
			'Idempotency-Key': 'x'.repeat(256)
		});
		expect(response.status).toBe(400);
		expect((await body(response)).code).toBe('invalid-input');
		expect((await body(await coach.client.get('/api/packages'))).packages).toHaveLength(0);
	});
});
