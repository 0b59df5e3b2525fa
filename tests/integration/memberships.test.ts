import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	decodeQuotedPrintable,
	inviteLinkIn,
	startSmtpSink
} from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { signedUpCoach } from '../helpers/sign-up';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, readDb, signupCoach, uniqueEmail, type Json } from './memberships.helpers';

describe('invites over SMTP', () => {
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let server: RunningServer;

	beforeAll(async () => {
		sink = await startSmtpSink();
		server = await spawnServer({ env: { SMTP_URL: sink.url } });
	});
	afterAll(async () => {
		await server?.stop();
		await sink?.close();
	});

	/**
	 * The invitation sent to `email` after mail number `from`: other mail (a notification about
	 * an earlier step) may arrive in between, so the first new message is not necessarily it.
	 */
	async function invitationTo(email: string, from: number): Promise<string> {
		for (let count = from + 1; count <= from + 5; count++) {
			const mails = await sink.waitFor(count);
			const found = mails
				.slice(from)
				.find((m) => m.to.includes(email.toLowerCase()) && /\/invite\//.test(m.raw));
			if (found) {
				return found.raw;
			}
		}
		throw new Error(`no invitation to ${email} arrived`);
	}

	/** Invites through the API and returns the token from the email that arrived. */
	async function invite(coach: HttpClient, input: Json) {
		const before = sink.received.length;
		const response = await coach.post('/api/invites', input);
		expect(response.status).toBe(201);
		const raw = await invitationTo(String(input.email), before);
		const link = inviteLinkIn(raw);
		return {
			invite: (await body(response)).invite as Json,
			raw,
			link,
			token: link.split('/invite/')[1]!
		};
	}

	it('coach invites, client accepts, and each side sees exactly their own engagement', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const clientEmail = uniqueEmail('client');
		const sent = await invite(coach.client, {
			name: 'Clio Client',
			email: clientEmail,
			message: 'Welcome <b>aboard</b> & see you'
		});
		expect(sent.invite).toMatchObject({
			id: expect.any(String),
			email: clientEmail,
			name: 'Clio Client',
			status: 'pending'
		});
		expect(sent.link).toBe(`${server.url}/invite/${sent.token}`);
		const decoded = decodeQuotedPrintable(sent.raw);
		expect(decoded).toContain('Coach Cora');
		expect(decoded).toContain('Welcome <b>aboard</b> & see you');
		expect(decoded).toContain('Welcome &lt;b&gt;aboard&lt;/b&gt; &amp; see you');
		expect(sink.received.filter((m) => m.raw === sent.raw)[0]!.to).toEqual([clientEmail]);

		const preview = await new HttpClient(server.url).get(`/api/invites/${sent.token}`);
		expect(preview.status).toBe(200);
		expect((await body(preview)).invite).toEqual({
			email: clientEmail,
			name: 'Clio Client',
			coachName: 'Coach Cora',
			status: 'pending',
			hasAccount: false
		});

		const client = new HttpClient(server.url);
		const accepted = await client.post(`/api/invites/${sent.token}/accept`, { password });
		expect(accepted.status).toBe(201);
		const acceptedBody = await body(accepted);
		expect(acceptedBody.user).toEqual({
			id: expect.any(String),
			name: 'Clio Client',
			email: clientEmail,
			role: 'client'
		});
		expect(acceptedBody.engagementId).toBe(sent.invite.engagementId);
		expect(client.cookie('tandem_session')).toBeDefined();
		expect((await body(await client.get('/api/me'))).user.role).toBe('client');

		const id = acceptedBody.engagementId as string;
		const expected = {
			id,
			status: 'active',
			coach: { id: coach.user.id, name: 'Coach Cora', profile: null, formerIds: [] },
			client: {
				id: acceptedBody.user.id,
				name: 'Clio Client',
				email: clientEmail,
				phone: null,
				formerIds: []
			},
			package: null,
			docs: { shared: `eng:${id}`, subscription: `sub:${id}` }
		};
		const clientView = await client.get('/api/engagements');
		expect(clientView.status).toBe(200);
		expect(await body(clientView)).toEqual({ engagements: [expected] });
		const coachView = await coach.client.get('/api/engagements');
		expect(await body(coachView)).toEqual({
			engagements: [expected],
			coachDoc: `coach:${coach.user.id}`
		});

		const invites = await body(await coach.client.get('/api/invites'));
		expect(invites.invites).toEqual([
			expect.objectContaining({
				id: sent.invite.id,
				status: 'accepted',
				delivery: expect.objectContaining({ status: 'sent', error: null })
			})
		]);
	});

	it('a used link is gone (410), an unknown one not found (404)', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const sent = await invite(coach.client, { name: 'Once', email: uniqueEmail('once') });
		const first = await new HttpClient(server.url).post(`/api/invites/${sent.token}/accept`, {
			password
		});
		expect(first.status).toBe(201);
		const second = await new HttpClient(server.url).post(`/api/invites/${sent.token}/accept`, {
			password
		});
		expect(second.status).toBe(410);
		expect((await body(second)).code).toBe('gone');
		expect((await new HttpClient(server.url).get(`/api/invites/${sent.token}`)).status).toBe(410);
		const unknown = 'a'.repeat(52);
		expect((await new HttpClient(server.url).get(`/api/invites/${unknown}`)).status).toBe(404);
		const acceptUnknown = await new HttpClient(server.url).post(`/api/invites/${unknown}/accept`, {
			password
		});
		expect(acceptUnknown.status).toBe(404);
	});

	it('guards: 401 without a session, 403 for a client, 400 for bad input, 409 for an existing client', async () => {
		const anonymous = new HttpClient(server.url);
		expect(
			(await anonymous.post('/api/invites', { name: 'X', email: 'x@example.com' })).status
		).toBe(401);
		expect((await anonymous.get('/api/invites')).status).toBe(401);
		expect((await anonymous.get('/api/engagements')).status).toBe(401);
		expect((await anonymous.post('/api/sync-token')).status).toBe(401);

		const coach = await signupCoach(server, undefined, sink.received);
		const bad = await coach.client.post('/api/invites', { name: 'X', email: 'not-an-email' });
		expect(bad.status).toBe(400);
		expect((await body(bad)).error).toMatch(/valid email/);
		const noName = await coach.client.post('/api/invites', { email: 'x@example.com' });
		expect((await body(noName)).error).toBe("Enter the client's name.");
		const longNote = await coach.client.post('/api/invites', {
			name: 'X',
			email: 'x@example.com',
			message: 'x'.repeat(2001)
		});
		expect(longNote.status).toBe(400);

		const email = uniqueEmail('client');
		const sent = await invite(coach.client, { name: 'Clio', email });
		const client = new HttpClient(server.url);
		expect((await client.post(`/api/invites/${sent.token}/accept`, { password })).status).toBe(201);
		const clientInvites = await client.post('/api/invites', {
			name: 'Friend',
			email: uniqueEmail('friend')
		});
		expect(clientInvites.status).toBe(403);
		expect((await client.get('/api/invites')).status).toBe(403);

		const again = await coach.client.post('/api/invites', { name: 'Clio', email });
		expect(again.status).toBe(409);
	});

	it("inviting a coach's address answers exactly as for an address with no account", async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const otherCoach = await signupCoach(server, 'Other Coach', sink.received);
		const shape = (json: Json) => ({
			...json,
			invite: {
				...json.invite,
				id: '*',
				engagementId: '*',
				email: '*',
				createdAt: '*',
				expiresAt: '*',
				delivery: { ...json.invite.delivery, at: '*' }
			}
		});
		const toCoach = await coach.client.post('/api/invites', {
			name: 'Oscar',
			email: otherCoach.email
		});
		const toNobody = await coach.client.post('/api/invites', {
			name: 'Oscar',
			email: uniqueEmail('nobody')
		});
		expect(toCoach.status).toBe(toNobody.status);
		expect(shape(await body(toCoach))).toEqual(shape(await body(toNobody)));
	});

	it("a stranger coach sees none of another coach's engagements or invites", async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const sent = await invite(coach.client, { name: 'Private', email: uniqueEmail('private') });
		const stranger = await signupCoach(server, 'Stranger Sam', sink.received);
		expect(await body(await stranger.client.get('/api/engagements'))).toEqual({
			engagements: [],
			coachDoc: `coach:${stranger.user.id}`
		});
		expect(await body(await stranger.client.get('/api/invites'))).toEqual({ invites: [] });
		expect((await stranger.client.post(`/api/invites/${sent.invite.id}/resend`)).status).toBe(404);
		expect((await stranger.client.post(`/api/invites/${sent.invite.id}/revoke`)).status).toBe(404);
		const end = await stranger.client.post(`/api/engagements/${sent.invite.engagementId}/end`);
		expect(end.status).toBe(404);
	});

	it('an existing client accepts a second coach by signing in (401 on a wrong password)', async () => {
		const first = await signupCoach(server, 'First Coach', sink.received);
		const second = await signupCoach(server, 'Second Coach', sink.received);
		const email = uniqueEmail('shared');
		const a = await invite(first.client, { name: 'Sky', email });
		const client = new HttpClient(server.url);
		const created = await body(await client.post(`/api/invites/${a.token}/accept`, { password }));
		const b = await invite(second.client, { name: 'Sky', email });
		expect((await body(await client.get(`/api/invites/${b.token}`))).invite.hasAccount).toBe(true);

		const wrong = await new HttpClient(server.url).post(`/api/invites/${b.token}/accept`, {
			password: 'wrong-password-1'
		});
		expect(wrong.status).toBe(401);
		const other = new HttpClient(server.url);
		const right = await other.post(`/api/invites/${b.token}/accept`, { password });
		expect(right.status).toBe(201);
		expect((await body(right)).user.id).toBe(created.user.id);
		const names = (await body(await other.get('/api/engagements'))).engagements.map(
			(e: Json) => e.coach.name
		);
		expect(names.sort()).toEqual(['First Coach', 'Second Coach']);
	});

	it('an invited email that became a coach account cannot accept (409)', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const email = uniqueEmail('later-coach');
		const sent = await invite(coach.client, { name: 'Later', email });
		await signedUpCoach(server, { name: 'Later', email, password }, sink.received);
		const accept = await new HttpClient(server.url).post(`/api/invites/${sent.token}/accept`, {
			password
		});
		expect(accept.status).toBe(409);
		expect((await body(accept)).error).toMatch(/coach account/);
	});

	it('resend mails a new link and kills the old one; revoke makes the link gone', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const email = uniqueEmail('re');
		const sent = await invite(coach.client, { name: 'Re', email });
		const before = sink.received.length;
		const resent = await coach.client.post(`/api/invites/${sent.invite.id}/resend`);
		expect(resent.status).toBe(200);
		expect((await body(resent)).invite).toMatchObject({ id: sent.invite.id, status: 'pending' });
		const fresh = inviteLinkIn(await invitationTo(email, before)).split('/invite/')[1]!;
		expect(fresh).not.toBe(sent.token);
		expect((await new HttpClient(server.url).get(`/api/invites/${sent.token}`)).status).toBe(404);
		expect((await new HttpClient(server.url).get(`/api/invites/${fresh}`)).status).toBe(200);

		const revoked = await coach.client.post(`/api/invites/${sent.invite.id}/revoke`);
		expect(revoked.status).toBe(200);
		expect((await body(revoked)).invite.status).toBe('revoked');
		expect((await new HttpClient(server.url).get(`/api/invites/${fresh}`)).status).toBe(410);
		const list = await body(await coach.client.get('/api/invites'));
		expect(list.invites[0]).toMatchObject({ id: sent.invite.id, status: 'revoked' });
	});

	it('a mail server refusing every try leaves the invite with a failed delivery the coach can see', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		sink.rejectNext(451, 451, 451);
		const response = await coach.client.post('/api/invites', {
			name: 'Bounce',
			email: uniqueEmail('bounce')
		});
		expect(response.status).toBe(201);
		expect((await body(response)).invite.delivery).toMatchObject({ status: 'failed', attempts: 3 });
		const list = await body(await coach.client.get('/api/invites'));
		expect(list.invites[0].delivery).toMatchObject({
			status: 'failed',
			error: expect.stringMatching(/451/)
		});
	});

	it('mints sync tokens (hash only stored) that die with the session', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const minted = await coach.client.post('/api/sync-token');
		expect(minted.status).toBe(200);
		expect(minted.headers.get('cache-control')).toBe('no-store');
		const { token, expiresAt } = await body(minted);
		expect(token).toMatch(/^[a-z2-7]{52}$/);
		const ttl = Date.parse(expiresAt as string) - Date.now();
		expect(ttl).toBeGreaterThan(4 * 60 * 1000);
		expect(ttl).toBeLessThanOrEqual(5 * 60 * 1000);
		const count = (userId: string) =>
			readDb(
				server,
				(db) =>
					(
						db.prepare('SELECT COUNT(*) AS n FROM sync_tokens WHERE user_id = ?').get(userId) as {
							n: number;
						}
					).n
			);
		expect(count(coach.user.id as string)).toBe(1);
		expect(
			readDb(server, (db) => JSON.stringify(db.prepare('SELECT * FROM sync_tokens').all()))
		).not.toContain(token);
		expect((await coach.client.post('/api/auth/logout')).status).toBe(204);
		expect(count(coach.user.id as string)).toBe(0);
	});

	it('never stores raw invite tokens nor logs tokens and passwords', async () => {
		const coach = await signupCoach(server, undefined, sink.received);
		const sent = await invite(coach.client, { name: 'Secret', email: uniqueEmail('secret') });
		const stored = readDb(server, (db) =>
			JSON.stringify(db.prepare('SELECT * FROM invites').all())
		);
		expect(stored).not.toContain(sent.token);
		expect(server.output()).not.toContain(sent.token);
		expect(server.output()).not.toContain(password);
	});
});
