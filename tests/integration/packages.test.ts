import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sub from '../../src/lib/docs/subscription-doc';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { PACKAGE_MESSAGES } from '../../src/lib/domain/package-rules';
import { body, signupCoach, type Json } from './memberships.helpers';
import {
	createPackage,
	inviteAndAccept,
	openSynced,
	sixSessions,
	waitFor
} from './packages.helpers';

describe('packages catalogue and assignment', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('a coach creates, lists, edits and archives packages', async () => {
		const { client: coach } = await signupCoach(server);
		const created = await createPackage(coach);
		expect(created).toEqual({
			id: expect.any(String),
			...sixSessions,
			selfBooking: false,
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
		});
		const single = await createPackage(coach, { ...sixSessions, name: 'Single', currency: 'usd' });
		expect(single.currency).toBe('USD');

		const listed = await body(await coach.get('/api/packages'));
		expect(listed.packages.map((p: { name: string }) => p.name)).toEqual([
			'Six sessions',
			'Single'
		]);

		const patched = await coach.request('PATCH', `/api/packages/${created.id}`, {
			priceCents: 50000,
			noShowConsumesSession: false
		});
		expect(patched.status).toBe(200);
		expect((await body(patched)).package).toEqual({
			...created,
			priceCents: 50000,
			noShowConsumesSession: false
		});

		const removed = await coach.request('DELETE', `/api/packages/${created.id}`);
		expect(removed.status).toBe(204);
		const after = await body(await coach.get('/api/packages'));
		expect(after.packages.map((p: { id: string }) => p.id)).toEqual([single.id]);
		const patchArchived = await coach.request('PATCH', `/api/packages/${created.id}`, {
			priceCents: 1
		});
		expect(patchArchived.status).toBe(404);
	});

	it('refuses invalid packages with 400, a message and every bad field with its own message', async () => {
		const { client: coach } = await signupCoach(server);
		const cases: [unknown, Json][] = [
			[
				{ ...sixSessions, sessionMinutes: 481 },
				{ sessionMinutes: PACKAGE_MESSAGES.sessionMinutes }
			],
			[{ ...sixSessions, currency: 'EURO' }, { currency: PACKAGE_MESSAGES.currency }],
			// Three letters is not enough: only ISO 4217 codes.
			[{ ...sixSessions, currency: 'ZZZ' }, { currency: PACKAGE_MESSAGES.currency }],
			[{ ...sixSessions, priceCents: 10.5 }, { priceCents: PACKAGE_MESSAGES.priceCents }],
			[
				{ ...sixSessions, name: '', priceCents: -1, sessionsTotal: 'six' },
				{
					name: PACKAGE_MESSAGES.name,
					sessionsTotal: PACKAGE_MESSAGES.sessionsTotal,
					priceCents: PACKAGE_MESSAGES.priceCents
				}
			],
			[
				{ name: 'Only a name' },
				{
					sessionsTotal: PACKAGE_MESSAGES.sessionsTotal,
					sessionMinutes: PACKAGE_MESSAGES.sessionMinutes,
					priceCents: PACKAGE_MESSAGES.priceCents,
					currency: PACKAGE_MESSAGES.currency,
					noShowConsumesSession: PACKAGE_MESSAGES.noShowConsumesSession
				}
			]
		];
		for (const [input, fields] of cases) {
			const response = await coach.post('/api/packages', input);
			expect(response.status).toBe(400);
			expect(await body(response)).toEqual({
				error: expect.stringContaining(Object.values(fields)[0] as string),
				code: 'invalid-input',
				fields
			});
		}
		const notObject = await coach.post('/api/packages', [1, 2]);
		expect(await body(notObject)).toEqual({
			error: 'Send a JSON object with the package fields.',
			code: 'invalid-input'
		});
		const created = await createPackage(coach);
		const badEdit = await coach.request('PATCH', `/api/packages/${created.id}`, {
			sessionsTotal: -1
		});
		expect(badEdit.status).toBe(400);
		expect((await body(await coach.get('/api/packages'))).packages).toEqual([created]);
	});

	it('is coach-only and per coach', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { client } = await inviteAndAccept(server, coach);
		expect((await client.get('/api/packages')).status).toBe(403);
		expect((await client.post('/api/packages', sixSessions)).status).toBe(403);
		expect((await client.request('DELETE', `/api/packages/${pkg.id}`)).status).toBe(403);
		const anonymous = new HttpClient(server.url);
		expect((await anonymous.get('/api/packages')).status).toBe(401);

		const { client: other } = await signupCoach(server, 'Otto Other');
		expect((await body(await other.get('/api/packages'))).packages).toEqual([]);
		expect(
			(await other.request('PATCH', `/api/packages/${pkg.id}`, { priceCents: 1 })).status
		).toBe(404);
		expect((await other.request('DELETE', `/api/packages/${pkg.id}`)).status).toBe(404);
		expect((await body(await coach.get('/api/packages'))).packages).toEqual([pkg]);
	});

	it("assigning a package writes it into the engagement's sub: document for the client", async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { client, engagementId } = await inviteAndAccept(server, coach);

		const assigned = await coach.post(`/api/engagements/${engagementId}/package`, {
			packageId: pkg.id
		});
		expect(assigned.status).toBe(200);
		const { engagement } = await body(assigned);
		expect(engagement).toMatchObject({
			id: engagementId,
			package: { id: pkg.id, name: 'Six sessions' }
		});

		const replica = await openSynced(server, `sub:${engagementId}`, client);
		await waitFor(() => sub.readPackage(replica.doc) !== null);
		expect(sub.readPackage(replica.doc)).toEqual({
			...sixSessions,
			updatedAt: expect.any(Number),
			updatedBy: engagement.coach.id
		});
		expect(sub.usage(replica.doc)).toMatchObject({ total: 6, used: 0, remaining: 6 });
		replica.destroy();

		const listed = await body(await client.get('/api/engagements'));
		expect(listed.engagements[0].package).toEqual({ id: pkg.id, name: 'Six sessions' });
	});

	it('an invite with a packageId gives the new engagement its package', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach, { ...sixSessions, name: 'Ten', sessionsTotal: 10 });
		const { client, engagementId } = await inviteAndAccept(server, coach, { packageId: pkg.id });
		const replica = await openSynced(server, `sub:${engagementId}`, client);
		await waitFor(() => sub.readPackage(replica.doc) !== null);
		expect(sub.readPackage(replica.doc)).toMatchObject({ name: 'Ten', sessionsTotal: 10 });
		replica.destroy();
		const listed = await body(await coach.get('/api/engagements'));
		expect(listed.engagements[0].package).toEqual({ id: pkg.id, name: 'Ten' });
	});

	it('refuses assignment by a client, of foreign packages and to foreign engagements', async () => {
		const { client: coach } = await signupCoach(server);
		const pkg = await createPackage(coach);
		const { client, engagementId } = await inviteAndAccept(server, coach);
		const { client: other } = await signupCoach(server, 'Otto Other');
		const foreign = await createPackage(other);
		const path = `/api/engagements/${engagementId}/package`;

		expect((await client.post(path, { packageId: pkg.id })).status).toBe(403);
		expect((await other.post(path, { packageId: foreign.id })).status).toBe(404);
		const wrongPackage = await coach.post(path, { packageId: foreign.id });
		expect(wrongPackage.status).toBe(400);
		expect((await body(wrongPackage)).error).toBe('That package is not in your catalogue.');
		expect((await coach.post(path, {})).status).toBe(400);
		expect(
			(
				await coach.post('/api/invites', {
					name: 'X',
					email: 'x@example.com',
					packageId: foreign.id
				})
			).status
		).toBe(400);

		const replica = await openSynced(server, `sub:${engagementId}`, coach);
		expect(sub.readPackage(replica.doc)).toBeNull();
		replica.destroy();
	});
});
