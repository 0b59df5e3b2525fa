import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinkIn, startSmtpSink } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { streamReader } from '../helpers/stream-reader';
import { mailSettled } from '../helpers/mail-settled';
import { waitForMail } from '../helpers/wait-for-mail';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, password, readDb, signupCoach, uniqueEmail } from './memberships.helpers';
import { createActor } from '../../src/lib/docs/actor';
import * as eng from '../../src/lib/docs/engagement-doc';
import { must } from './data-import.helpers';
import {
	completeGoal,
	correctSession,
	recordSession,
	sendMessage,
	writeEngagement
} from './notifications.helpers';

describe('notifications API', () => {
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let server: RunningServer;

	beforeAll(async () => {
		sink = await startSmtpSink();
		// A made-up event is looked for in its document this long before it is refused.
		server = await spawnServer({
			env: {
				SMTP_URL: sink.url,
				TANDEM_EVENT_WAIT_MS: '200',
				// Chat message emails go out at once here (batching: notification-digest.test.ts).
				TANDEM_MESSAGE_DIGEST_MS: '0'
			}
		});
	});
	afterAll(async () => {
		await server?.stop();
		await sink?.close();
	});

	/** A coach and a client who accepted the invitation, both signed in. */
	async function practice(clientName = 'Clio Client') {
		const coach = await signupCoach(server, 'Coach Cora', sink.received);
		const email = uniqueEmail('client');
		expect((await coach.client.post('/api/invites', { name: clientName, email })).status).toBe(201);
		// Other mails (earlier tests' notifications) may arrive meanwhile: find this invitation.
		let invitation: { raw: string } | undefined;
		for (let i = 0; i < 100 && !invitation; i++) {
			invitation = sink.received.find((m) => m.to.includes(email));
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const token = inviteLinkIn(invitation!.raw).split('/invite/')[1]!;
		const client = new HttpClient(server.url);
		const accepted = await client.post(`/api/invites/${token}/accept`, { password });
		expect(accepted.status).toBe(201);
		const engagementId = (await body(accepted)).engagementId as string;
		return {
			coach: coach.client,
			coachEmail: coach.email,
			client,
			clientEmail: email,
			engagementId
		};
	}

	const mailTo = (to: string, subject: string) => (m: { to: string[]; raw: string }) =>
		m.to.includes(to) && m.raw.includes(`Subject: ${subject}`);
	const mailsTo = (to: string, subject: string) => sink.received.filter(mailTo(to, subject));

	/**
	 * Emails leave through the mail queue after the response: wait until the expected one is
	 * there, then a little longer so a duplicate would have arrived too.
	 */
	async function oneMail(to: string, subject: string) {
		await waitForMail(sink.received, mailTo(to, subject), 1, 15_000);
		await quiet();
		expect(mailsTo(to, subject)).toHaveLength(1);
	}

	/** Until the queue has sent anything that was going to be sent (a barrier, not a delay). */
	const quiet = () => mailSettled(server);

	it('accepting an invite notifies the coach in-app and by one email', async () => {
		const { coach, coachEmail } = await practice('Ivy Invitee');
		await oneMail(coachEmail, 'Ivy Invitee accepted your invitation');
		const list = await body(await coach.get('/api/notifications'));
		expect(list.unread).toBe(1);
		expect(list.notifications).toEqual([
			expect.objectContaining({
				kind: 'invite-accepted',
				text: 'Ivy Invitee accepted your invitation'
			})
		]);
	});

	it('a completed goal reported twice (two tabs) gives one notification and one email', async () => {
		const { coach, coachEmail, client, engagementId } = await practice('Gail Goal');
		const eventId = await completeGoal(server, client, engagementId, 'g1');
		const event = { engagementId, kind: 'goal-completed', eventId };
		const [first, second] = await Promise.all([
			client.post('/api/events', event),
			client.post('/api/events', event)
		]);
		expect([first!.status, second!.status].sort()).toEqual([200, 201]);
		const again = await client.post('/api/events', event, { 'idempotency-key': 'another-tab' });
		expect(again.status).toBe(200);
		expect(await body(again)).toEqual({ recorded: false });
		await oneMail(coachEmail, 'Gail Goal completed a goal');
		const list = await body(await coach.get('/api/notifications'));
		const goals = list.notifications.filter((n: { kind: string }) => n.kind === 'goal-completed');
		expect(goals).toEqual([
			expect.objectContaining({
				text: 'Gail Goal completed a goal',
				engagementId,
				readAt: null,
				// What a tap opens: that goal.
				target: { kind: 'goal', id: 'g1' }
			})
		]);
		// Nothing for the one who did it.
		expect((await body(await client.get('/api/notifications'))).notifications).toEqual([]);
		const rows = readDb(server, (db) =>
			db
				.prepare('SELECT COUNT(*) AS n FROM notifications_events WHERE engagement_id = ?')
				.get(engagementId)
		) as { n: number };
		expect(rows.n).toBe(2); // invite accepted + this goal
	});

	it('each notification names what a tap opens: the note, the comment, none for an invite', async () => {
		const { coach, client, engagementId } = await practice('Nia Notes');
		let noteId = '';
		await writeEngagement(server, coach, engagementId, (doc, userId) => {
			const actor = createActor({ userId });
			noteId = must(eng.createNote(doc, actor, { title: 'Plan' }));
		});
		const shared = { engagementId, kind: 'note-shared', eventId: `note:${noteId}:shared` };
		expect((await coach.post('/api/events', shared)).status).toBe(201);
		let commentId = '';
		await writeEngagement(server, client, engagementId, (doc, userId) => {
			const actor = createActor({ userId });
			commentId = must(eng.addComment(doc, actor, { noteId, text: 'Three mornings?' }));
		});
		const comment = { engagementId, kind: 'comment-added', eventId: `comment:${commentId}` };
		expect((await client.post('/api/events', comment)).status).toBe(201);
		const toClient = await body(await client.get('/api/notifications'));
		expect(toClient.notifications).toEqual([
			expect.objectContaining({ kind: 'note-shared', target: { kind: 'note', id: noteId } })
		]);
		const toCoach = await body(await coach.get('/api/notifications'));
		expect(toCoach.notifications).toEqual([
			expect.objectContaining({
				kind: 'comment-added',
				target: { kind: 'comment', id: commentId }
			}),
			expect.objectContaining({ kind: 'invite-accepted', target: null })
		]);
	});

	it('refuses strangers (403), the wrong role (403), reuse of an id for another kind (409)', async () => {
		const { coach, client, engagementId } = await practice();
		const other = await practice();
		const stranger = await other.client.post('/api/events', {
			engagementId,
			kind: 'message',
			eventId: 'message:x'
		});
		expect(stranger.status).toBe(403);
		const coachGoal = await coach.post('/api/events', {
			engagementId,
			kind: 'goal-completed',
			eventId: 'goal:x:completed:1'
		});
		expect(coachGoal.status).toBe(403);
		const accepted = await client.post('/api/events', {
			engagementId,
			kind: 'invite-accepted',
			eventId: 'forged'
		});
		expect(accepted.status).toBe(403);
		const m1 = await sendMessage(server, client, engagementId, 'm1');
		expect(
			(await client.post('/api/events', { engagementId, kind: 'message', eventId: m1 })).status
		).toBe(201);
		const reused = await client.post('/api/events', {
			engagementId,
			kind: 'comment-added',
			eventId: m1
		});
		expect(reused.status).toBe(409);
		expect(await body(reused)).toMatchObject({ code: 'conflict' });
		const invalid = await client.post('/api/events', { engagementId, kind: 'nope', eventId: 'x' });
		expect(invalid.status).toBe(400);
		expect((await new HttpClient(server.url).get('/api/notifications')).status).toBe(401);
		expect(
			(
				await new HttpClient(server.url).post('/api/events', {
					engagementId,
					kind: 'message',
					eventId: 'z'
				})
			).status
		).toBe(401);
	});

	it('made-up events are refused (404) and notify nobody: 30 invented messages, 0 emails', async () => {
		const { coach, coachEmail, client, engagementId } = await practice('Fay Forger');
		await oneMail(coachEmail, 'Fay Forger accepted your invitation');
		const statuses = [];
		for (let i = 0; i < 30; i += 1) {
			const forged = { engagementId, kind: 'message', eventId: `message:made-up-${i}` };
			statuses.push((await client.post('/api/events', forged)).status);
		}
		expect(new Set(statuses)).toEqual(new Set([404]));
		// The coach's own message cannot be reported by the client as theirs either.
		const coachMessage = await sendMessage(server, coach, engagementId, 'from-coach');
		const claimed = await client.post('/api/events', {
			engagementId,
			kind: 'message',
			eventId: coachMessage
		});
		expect(claimed.status).toBe(404);
		expect(await body(claimed)).toMatchObject({ code: 'not-found' });
		// A real message still notifies, so the refusals above were not an outage.
		const real = await sendMessage(server, client, engagementId, 'real');
		expect(
			(await client.post('/api/events', { engagementId, kind: 'message', eventId: real })).status
		).toBe(201);
		await oneMail(coachEmail, 'New message from Fay Forger');
		const list = await body(await coach.get('/api/notifications'));
		expect(list.notifications.filter((n: { kind: string }) => n.kind === 'message')).toHaveLength(
			1
		);
	});

	it('a session the coach records notifies the client once, in-app and by email', async () => {
		const { coach, client, clientEmail, engagementId } = await practice('Sol Session');
		const entryId = await recordSession(server, coach, engagementId);
		const event = { engagementId, kind: 'session-recorded', eventId: `session:${entryId}` };
		expect((await coach.post('/api/events', event)).status).toBe(201);
		// A second tab reporting the same entry changes nothing.
		expect((await coach.post('/api/events', event, { 'idempotency-key': 'tab-2' })).status).toBe(
			200
		);
		await oneMail(clientEmail, 'Your coach recorded a session');
		const list = await body(await client.get('/api/notifications'));
		expect(list.notifications).toEqual([
			expect.objectContaining({ kind: 'session-recorded', text: 'Your coach recorded a session' })
		]);
		// A correction is not a new session: reporting it is refused.
		const correctionId = await correctSession(server, coach, engagementId, entryId);
		const correction = { ...event, eventId: `session:${correctionId}` };
		expect((await coach.post('/api/events', correction)).status).toBe(404);
		// Only the coach records sessions.
		expect((await client.post('/api/events', event)).status).toBe(403);
	});

	it('the live stream: 401 signed out; a new notification pushed at once; "revoked" at sign-out', async () => {
		const { coach, client, engagementId } = await practice('Liv Live');
		expect((await new HttpClient(server.url).get('/api/notifications/stream')).status).toBe(401);
		const response = await fetch(`${server.url}/api/notifications/stream`, {
			headers: { cookie: coach.cookieHeader }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const stream = streamReader(response.body!);
		await stream.until(/Liv Live accepted your invitation/);
		const eventId = await sendMessage(server, client, engagementId, 'live-1');
		const reported = await client.post('/api/events', { engagementId, kind: 'message', eventId });
		expect(reported.status).toBe(201);
		// Recorded when the report was answered: the push is already on its way, no poll involved.
		const recordedAt = performance.now();
		await stream.until(/New message from Liv Live/);
		expect(performance.now() - recordedAt).toBeLessThan(1_000);
		expect(stream.text).toContain('"target":{"kind":"message","id":"live-1"}');
		expect(stream.text).toMatch(/"unread":2/);
		// Marking read elsewhere (another tab) is pushed too.
		await coach.post('/api/notifications/read', { all: true });
		await stream.until(/"unread":0/);
		// Signing out ends the stream with a last "revoked" event.
		expect((await coach.post('/api/auth/logout', {})).status).toBeLessThan(300);
		await stream.pump;
		expect(stream.ended).toBe(true);
		expect(stream.text).toMatch(/event: revoked\n/);
	});

	it('after the coach ends the engagement, events are refused with 409', async () => {
		const { coach, client, engagementId } = await practice();
		expect((await coach.post(`/api/engagements/${engagementId}/end`, {})).status).toBe(200);
		const late = await client.post('/api/events', {
			engagementId,
			kind: 'message',
			eventId: 'late'
		});
		expect(late.status).toBe(409);
	});

	it('emails can be turned off; read markers by id or all', async () => {
		const { coach, coachEmail, client, engagementId } = await practice('Quinn Quiet');
		expect(await body(await coach.get('/api/settings'))).toEqual({ emailNotifications: true });
		const off = await coach.request('PUT', '/api/settings', { emailNotifications: false });
		expect(off.status).toBe(200);
		expect(await body(off)).toEqual({ emailNotifications: false });
		expect((await coach.request('PUT', '/api/settings', { emailNotifications: 'no' })).status).toBe(
			400
		);
		const q1 = await sendMessage(server, client, engagementId, 'q1');
		expect(
			(await client.post('/api/events', { engagementId, kind: 'message', eventId: q1 })).status
		).toBe(201);
		await quiet();
		expect(mailsTo(coachEmail, 'New message from Quinn Quiet')).toHaveLength(0);
		// Not merely late: only the invitation's email (sent before the switch) was ever queued.
		const queued = readDb(server, (db) =>
			db
				.prepare(
					`SELECT COUNT(*) AS n FROM mail_queue
					 WHERE engagement_id = ? AND ref LIKE 'notification:%'`
				)
				.get(engagementId)
		) as { n: number };
		expect(queued.n).toBe(1);
		const list = await body(await coach.get('/api/notifications'));
		expect(list.unread).toBe(2);
		expect(list.notifications[0]).toMatchObject({
			kind: 'message',
			text: 'New message from Quinn Quiet'
		});
		const one = await body(
			await coach.post('/api/notifications/read', { ids: [list.notifications[0].id] })
		);
		expect(one.unread).toBe(1);
		// Someone else's ids are ignored.
		await client.post('/api/notifications/read', { ids: [list.notifications[1].id] });
		expect((await body(await coach.get('/api/notifications'))).unread).toBe(1);
		expect((await body(await coach.post('/api/notifications/read', { all: true }))).unread).toBe(0);
		expect((await coach.post('/api/notifications/read', { ids: 'x' })).status).toBe(400);
	});
});
