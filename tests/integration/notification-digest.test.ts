import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinkIn, startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { waitFor } from './data-import.helpers';
import { body, password, readDb, signupCoach, uniqueEmail } from './memberships.helpers';
import { sendMessages } from './notifications.helpers';

/**
 * Chat message emails are batched per conversation and quiet period, and skipped for what the
 * recipient read in the app. No sleeps: each test waits until the digest's queue row settled.
 */
describe('chat message email digests', () => {
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let server: RunningServer;

	beforeAll(async () => {
		sink = await startSmtpSink();
		// Long enough to read the messages in between, short enough for a test.
		server = await spawnServer({ env: { SMTP_URL: sink.url, TANDEM_MESSAGE_DIGEST_MS: '5000' } });
	});
	afterAll(async () => {
		await server?.stop();
		await sink?.close();
	});

	async function practice(clientName: string) {
		const coach = await signupCoach(server, 'Coach Cora', sink.received);
		const email = uniqueEmail('client');
		expect((await coach.client.post('/api/invites', { name: clientName, email })).status).toBe(201);
		await waitFor(() => sink.received.some((m) => m.to.includes(email)), 'the invitation');
		const invitation = sink.received.find((m) => m.to.includes(email))!;
		const token = inviteLinkIn(invitation.raw).split('/invite/')[1]!;
		const client = new HttpClient(server.url);
		const accepted = await client.post(`/api/invites/${token}/accept`, { password });
		const engagementId = (await body(accepted)).engagementId as string;
		return { coach: coach.client, coachEmail: coach.email as string, client, engagementId };
	}

	/** Sends the messages (one sync write), then reports each, as the app does. */
	async function sendAndReport(p: Awaited<ReturnType<typeof practice>>, messageIds: string[]) {
		const eventIds = await sendMessages(server, p.client, p.engagementId, messageIds);
		for (const eventId of eventIds) {
			const reported = await p.client.post('/api/events', {
				engagementId: p.engagementId,
				kind: 'message',
				eventId
			});
			expect(reported.status).toBe(201);
		}
	}

	/** The engagement's digest rows in the mail queue. */
	const digests = (engagementId: string) =>
		readDb(server, (db) =>
			db
				.prepare(
					`SELECT status, last_error AS lastError FROM mail_queue
					 WHERE engagement_id = ? AND ref LIKE 'digest:%'`
				)
				.all(engagementId)
		) as { status: string; lastError: string | null }[];
	const mailsTo = (to: string, subject: RegExp) =>
		sink.received.filter((m) => m.to.includes(to) && subject.test(m.raw));

	it('three messages in a row: one email to the coach, "3 new messages from …"', async () => {
		const p = await practice('Tia Three');
		await sendAndReport(p, ['t1', 't2', 't3']);
		expect(digests(p.engagementId)).toEqual([{ status: 'pending', lastError: null }]);
		await waitFor(
			() => digests(p.engagementId).every((row) => row.status !== 'pending'),
			'the digest to be sent'
		);
		// Settled means the mail server accepted it: count now, nothing else is on its way.
		expect(digests(p.engagementId)).toEqual([{ status: 'sent', lastError: null }]);
		expect(mailsTo(p.coachEmail, /Subject: 3 new messages from Tia Three/)).toHaveLength(1);
		expect(mailsTo(p.coachEmail, /Subject: New message from/)).toHaveLength(0);
		const list = await body(await p.coach.get('/api/notifications'));
		expect(list.notifications.filter((n: { kind: string }) => n.kind === 'message')).toHaveLength(
			3
		);
	});

	it('messages the coach read in the app before the quiet period ended are not emailed', async () => {
		const p = await practice('Rae Read');
		await sendAndReport(p, ['r1', 'r2']);
		expect((await p.coach.post('/api/notifications/read', { all: true })).status).toBe(200);
		await waitFor(
			() => digests(p.engagementId).every((row) => row.status !== 'pending'),
			'the digest to settle'
		);
		expect(digests(p.engagementId)).toEqual([{ status: 'failed', lastError: 'nothing to send' }]);
		expect(mailsTo(p.coachEmail, /new messages? from Rae Read/i)).toHaveLength(0);
		const states = readDb(server, (db) =>
			db
				.prepare(`SELECT email FROM notifications WHERE engagement_id = ? AND kind = 'message'`)
				.all(p.engagementId)
		) as { email: string }[];
		expect(states).toEqual([{ email: 'off' }, { email: 'off' }]);
	});
});
