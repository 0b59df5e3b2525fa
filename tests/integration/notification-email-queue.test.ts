import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { type ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailFleet } from '../helpers/mail-fleet';
import { mailSettled } from '../helpers/mail-settled';
import type { RunningServer } from '../helpers/spawn-server';
import { body, password, readDb } from './memberships.helpers';
import { completeGoal } from './notifications.helpers';
import { waitFor } from './packages.helpers';
import { allDay, practice, readable } from './scheduling.helpers';

const { sink, start, stop, kill, onCleanup } = mailFleet();

// A completed goal: one email per notification (chat messages are batched into digests).
const messageMails = (received: ReceivedMail[]) =>
	received.filter((m) => /Subject: Clio Client completed a goal/.test(readable(m)));

interface QueueRow {
	status: string;
	attempts: number;
	claimed_at: number | null;
	email: string;
}

/** The queued email of the newest 'goal-completed' notification and its email status. */
const queued = (server: RunningServer) =>
	readDb(server, (db) =>
		db
			.prepare(
				`SELECT q.status, q.attempts, q.claimed_at, n.email FROM notifications n
				 JOIN mail_queue q ON q.ref = 'notification:' || n.id
				 WHERE n.kind = 'goal-completed' ORDER BY n.created_at DESC LIMIT 1`
			)
			.get()
	) as QueueRow | undefined;

/** Signs a user in on a (restarted) server at its new address. */
async function signIn(server: RunningServer, email: string): Promise<HttpClient> {
	const client = new HttpClient(server.url);
	expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
	return client;
}

/** Completes a goal as the client (over the sync endpoint) and reports it, as the app does. */
async function reportGoal(
	server: RunningServer,
	client: HttpClient,
	engagementId: string,
	goalId: string
) {
	const eventId = await completeGoal(server, client, engagementId, goalId);
	const reported = await client.post('/api/events', {
		engagementId,
		kind: 'goal-completed',
		eventId
	});
	expect(reported.status).toBe(201);
}

describe('notification emails survive a mail server that is down and a restart', () => {
	it('a refused email is retried and arrives exactly once when the mail server takes it', async () => {
		const smtp = await sink();
		const server = await start({ SMTP_URL: smtp.url });
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		// The coach's "invite accepted" email is queued too: let it through before refusing.
		await waitFor(() => smtp.received.some((m) => /accepted your invitation/.test(readable(m))));
		// Every try of the first attempt (the mailer's own three) is refused with a temporary error.
		smtp.rejectNext(451, 451, 451);
		await reportGoal(server, p.client, p.engagementId, 'down-1');
		// The notification is there at once, its email waits in the queue.
		const list = await body(await p.coach.get('/api/notifications'));
		expect(list.notifications[0]).toMatchObject({ text: 'Clio Client completed a goal' });
		await waitFor(
			() => (queued(server)?.attempts ?? 0) >= 1 && queued(server)?.claimed_at === null,
			10_000
		);
		expect(queued(server)).toMatchObject({ status: 'pending', email: 'pending' });
		expect(messageMails(smtp.received)).toHaveLength(0);

		await waitFor(() => messageMails(smtp.received).length === 1, 10_000);
		await mailSettled(server);
		expect(messageMails(smtp.received)).toHaveLength(1);
		expect(messageMails(smtp.received)[0]!.to).toEqual([p.coachEmail]);
		expect(queued(server)).toMatchObject({ status: 'sent', attempts: 2, email: 'sent' });
	}, 60_000);

	it('committed but not sent when the server stops: the restarted server sends it once', async () => {
		const first = await sink();
		let server = await start({ SMTP_URL: first.url });
		const p = await practice(server, first.received, { availability: allDay('UTC') });
		first.rejectNext(...Array.from({ length: 30 }, () => 451));
		await reportGoal(server, p.client, p.engagementId, 'restart-1');
		await waitFor(
			() => (queued(server)?.attempts ?? 0) >= 1 && queued(server)?.claimed_at === null,
			10_000
		);
		await stop(server);
		expect(queued(server)).toMatchObject({ status: 'pending', email: 'pending' });

		// The mail server is back (here: another one); the data directory is the same.
		const second = await sink();
		server = await start({ SMTP_URL: second.url }, server.dataDir);
		await waitFor(() => messageMails(second.received).length === 1, 10_000);
		await mailSettled(server);
		expect(messageMails(first.received)).toHaveLength(0);
		expect(messageMails(second.received)).toHaveLength(1);
		expect(queued(server)).toMatchObject({ status: 'sent', email: 'sent' });
		// Still one notification in the app, for the coach.
		const coach = await signIn(server, p.coachEmail);
		const list = await body(await coach.get('/api/notifications'));
		expect(
			list.notifications.filter((n: { kind: string }) => n.kind === 'goal-completed')
		).toHaveLength(1);
	}, 90_000);

	it('killed mid-send (kill -9): the claim lapses after its lease and the email goes out once', async () => {
		const smtp = await sink();
		let server = await start({ SMTP_URL: smtp.url });
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		await stop(server);

		// A mail server that accepts connections and never answers: the send hangs in flight.
		const sockets = new Set<net.Socket>();
		const hung = net.createServer((socket) => void sockets.add(socket));
		await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
		onCleanup(async () => {
			sockets.forEach((s) => s.destroy());
			await new Promise<void>((resolve) => hung.close(() => resolve()));
		});
		const { port } = hung.address() as net.AddressInfo;
		server = await start(
			{ SMTP_URL: `smtp://127.0.0.1:${port}`, TANDEM_MAIL_LEASE_MS: '1000' },
			server.dataDir
		);
		const client = await signIn(server, p.clientEmail);
		await reportGoal(server, client, p.engagementId, 'crash-1');
		await waitFor(
			() => queued(server)?.claimed_at !== null && queued(server)?.claimed_at !== undefined,
			10_000
		);
		await kill(server);
		expect(queued(server)).toMatchObject({ status: 'pending', attempts: 1 });

		server = await start({ SMTP_URL: smtp.url, TANDEM_MAIL_LEASE_MS: '1000' }, server.dataDir);
		await waitFor(() => messageMails(smtp.received).length === 1, 10_000);
		await mailSettled(server);
		expect(messageMails(smtp.received)).toHaveLength(1);
		expect(queued(server)).toMatchObject({ status: 'sent', attempts: 2, email: 'sent' });
	}, 90_000);
});
