import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import { createActor } from '../../docs/actor';
import * as eng from '../../docs/engagement-doc';
import { eventIds } from '../../domain/notification-kinds';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { MailQueue } from '../mail-queue/mail-queue';
import { MailQueueStore } from '../mail-queue/mail-queue-store';
import { createNotifications } from './create-notifications';
import { NotificationStore } from './notification-store';

let f: ReturnType<typeof membershipFixture>;
let queue: MailQueue;
beforeEach(() => {
	f = membershipFixture();
	queue = new MailQueue({
		store: new MailQueueStore(f.database, f.clock.now, { retryBaseMs: 60_000 }),
		mailer: f.mailer
	});
});
afterEach(async () => {
	await queue.stop();
	f.cleanup();
});

const ORIGIN = 'https://tandem.test';

/** A coach with one active client; notifications wired over the fixture's real SQLite. */
async function practice(clientEmail = 'cli@example.com', digestDelayMs = 0) {
	const coach =
		(await f.users.byEmail('cora@example.com')) ??
		(await f.account('coach', 'Cora', 'cora@example.com'));
	const notifications = createNotifications({
		...f,
		users: f.userLookup,
		mailQueue: queue,
		origin: ORIGIN,
		now: f.clock.now,
		eventWaitMs: 0,
		digestDelayMs
	});
	const { token } = await f.invite(coach, { email: clientEmail, name: 'Cli' });
	const accepted = await f.inviteAcceptance.accept(
		token,
		{ name: 'Clio', password: 'a fresh password' },
		'1.1.1.1'
	);
	if (!accepted.ok) {
		throw new Error(accepted.error.message);
	}
	await settle();
	const engagementId = accepted.value.engagementId;
	const client = accepted.value.signedIn.user;
	return {
		/** Writes a chat message with this id into the engagement document; returns its event id. */
		sent: (messageId: string, author: PublicUser = client) => sent(engagementId, author, messageId),
		coach: coach as PublicUser,
		client: accepted.value.signedIn.user,
		engagementId: accepted.value.engagementId,
		notifications
	};
}

async function completed(engagementId: string, author: PublicUser, goalId: string) {
	const actor = createActor({ userId: author.id, newId: () => goalId, now: () => 1 });
	await f.docs.withDoc(`eng:${engagementId}`, (doc) => {
		eng.createGoal(doc, actor, { title: 'Run' });
		eng.completeGoal(doc, actor, { goalId });
	});
	return eventIds.goalCompleted(goalId, 1);
}

async function sent(engagementId: string, author: PublicUser, messageId: string) {
	const actor = createActor({ userId: author.id, newId: () => messageId });
	await f.docs.withDoc(`eng:${engagementId}`, (doc) => eng.sendMessage(doc, actor, { text: 'Hi' }));
	return eventIds.message(messageId);
}

/** The invite-accepted hook and the mail queue run without being awaited: let them finish. */
async function settle() {
	await new Promise((resolve) => setTimeout(resolve, 20));
	await queue.idle();
}
const goalMails = () => f.mailer.sent.filter((m) => m.subject === 'Clio completed a goal');

describe('notification deduplication', () => {
	it('the same event reported twice notifies the other side once and emails once', async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const actor = createActor({ userId: client.id, newId: () => 'g1', now: () => 5 });
		await f.docs.withDoc(`eng:${engagementId}`, (doc) => {
			eng.createGoal(doc, actor, { title: 'Run' });
			eng.completeGoal(doc, actor, { goalId: 'g1' });
		});
		const event = { engagementId, kind: 'goal-completed', eventId: 'goal:g1:completed:5' } as const;
		const first = await notifications.report(client, event, ORIGIN);
		const second = await notifications.report(client, event, ORIGIN);
		expect(first).toEqual({ ok: true, value: { recorded: true } });
		expect(second).toEqual({ ok: true, value: { recorded: false } });
		const list = notifications.list(coach);
		expect(list.notifications.filter((n) => n.kind === 'goal-completed')).toHaveLength(1);
		await settle();
		expect(goalMails()).toHaveLength(1);
		expect(goalMails()[0]!.to).toBe('cora@example.com');
		// What happened, never the content.
		expect(goalMails()[0]!.text).toContain('Clio completed a goal.');
		expect(notifications.list(client).notifications).toHaveLength(0);
	});

	it('concurrent reports (two tabs at once) record one event', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice();
		const event = { engagementId, kind: 'message', eventId: await sent('m1') } as const;
		const results = await Promise.all(
			Array.from({ length: 5 }, () => notifications.report(client, event, ORIGIN))
		);
		const recorded = results.map((r) => r.ok && r.value.recorded);
		expect(recorded.filter(Boolean)).toHaveLength(1);
		expect(notifications.list(coach).notifications.filter((n) => n.kind === 'message')).toEqual([
			expect.objectContaining({ text: 'New message from Clio', readAt: null })
		]);
		await settle();
		expect(f.mailer.sent.filter((m) => m.subject === 'New message from Clio')).toHaveLength(1);
	});

	it('two database connections (two processes) inserting the same event: one wins', async () => {
		const { coach, client, engagementId } = await practice();
		const other = new Database(path.join(f.dir, 'tandem.sqlite'));
		try {
			other.pragma('busy_timeout = 5000');
			const stores = [new NotificationStore(f.db), new NotificationStore(other)];
			const event = {
				engagementId,
				eventId: 'comment:c1',
				kind: 'comment-added',
				actorId: client.id,
				recipientId: coach.id,
				text: 'New comment from Clio',
				emailStatus: 'off'
			} as const;
			const outcomes = stores.map((store) => store.record(event));
			expect(outcomes.filter((n) => n !== null)).toHaveLength(1);
			expect(stores[1]!.list(coach.id, 10).filter((n) => n.kind === 'comment-added')).toHaveLength(
				1
			);
		} finally {
			other.close();
		}
	});

	it('the same event id in different engagements is two events', async () => {
		const one = await practice('one@example.com');
		const two = await practice('two@example.com');
		const eventId = await one.sent('same-id');
		await two.sent('same-id');
		const a = await one.notifications.report(
			one.client,
			{ engagementId: one.engagementId, kind: 'message', eventId },
			ORIGIN
		);
		const b = await two.notifications.report(
			two.client,
			{ engagementId: two.engagementId, kind: 'message', eventId },
			ORIGIN
		);
		expect([a, b].map((r) => r.ok && r.value.recorded)).toEqual([true, true]);
		const messages = one.notifications
			.list(one.coach)
			.notifications.filter((n) => n.kind === 'message');
		expect(messages.map((n) => n.engagementId).sort()).toEqual(
			[one.engagementId, two.engagementId].sort()
		);
	});

	it('reusing an event id for another kind is a conflict', async () => {
		const { client, engagementId, notifications, sent } = await practice();
		const eventId = await sent('x');
		await notifications.report(client, { engagementId, kind: 'message', eventId }, ORIGIN);
		const reused = await notifications.report(
			client,
			{ engagementId, kind: 'comment-added', eventId },
			ORIGIN
		);
		expect(reused.ok ? null : reused.error.code).toBe('conflict');
	});
});

describe('notification rules', () => {
	it('a coach cannot report a goal completion; strangers cannot report at all', async () => {
		const { coach, engagementId, notifications } = await practice();
		const stranger = await f.account('client', 'Eve', 'eve@example.com');
		const asCoach = await notifications.report(
			coach,
			{ engagementId, kind: 'goal-completed', eventId: eventIds.goalCompleted('g', 1) },
			ORIGIN
		);
		const asStranger = await notifications.report(
			stranger,
			{ engagementId, kind: 'message', eventId: 'message:m' },
			ORIGIN
		);
		expect(asCoach.ok ? null : asCoach.error.code).toBe('forbidden');
		expect(asStranger.ok ? null : asStranger.error.code).toBe('forbidden');
	});

	it('accepting an invite notifies the coach once, by email too', async () => {
		const { coach, notifications } = await practice();
		expect(notifications.list(coach)).toMatchObject({
			unread: 1,
			notifications: [{ kind: 'invite-accepted', text: 'Clio accepted your invitation' }]
		});
		expect(f.mailer.sent.filter((m) => m.subject === 'Clio accepted your invitation')).toHaveLength(
			1
		);
	});

	it('email off: the notification is still listed, no email goes out', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice();
		notifications.saveSettings(coach, { emailNotifications: false });
		expect(notifications.settings(coach)).toEqual({ emailNotifications: false });
		const before = f.mailer.sent.length;
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('m') },
			ORIGIN
		);
		await settle();
		expect(f.mailer.sent.length).toBe(before);
		expect(notifications.list(coach).unread).toBe(2);
	});

	it('marks read by id (own only) or all', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice();
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('m') },
			ORIGIN
		);
		const [newest] = notifications.list(coach).notifications;
		expect(notifications.markRead(client, [newest!.id]).unread).toBe(0);
		expect(notifications.list(coach).unread).toBe(2);
		expect(notifications.markRead(coach, [newest!.id]).unread).toBe(1);
		expect(notifications.markRead(coach, null).unread).toBe(0);
	});
});

describe('reported events are checked', () => {
	it('a made-up event is refused (not-found): nothing listed, nothing emailed', async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const before = f.mailer.sent.length;
		const forged = await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: 'message:never-sent' },
			ORIGIN
		);
		expect(forged.ok ? null : forged.error.code).toBe('not-found');
		await settle();
		expect(notifications.list(coach).notifications.map((n) => n.kind)).toEqual(['invite-accepted']);
		expect(f.mailer.sent.length).toBe(before);
	});

	it("past the reporter's hourly email allowance: 429, nothing recorded, retried later", async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const results = [];
		// Goals, not messages: chat messages are batched into one digest email.
		for (let i = 0; i < 21; i += 1) {
			const eventId = await completed(engagementId, client, `goal-${i}`);
			results.push(
				await notifications.report(
					client,
					{ engagementId, kind: 'goal-completed', eventId },
					ORIGIN
				)
			);
		}
		const last = results.at(-1)!;
		expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
		expect(last.ok ? null : last.error).toMatchObject({ code: 'rate-limited' });
		const goals = () =>
			notifications.list(coach).notifications.filter((n) => n.kind === 'goal-completed');
		expect(goals()).toHaveLength(20);
		// With emails off for the coach nothing is sent, so nothing is counted: recorded at once.
		notifications.saveSettings(coach, { emailNotifications: false });
		const again = await notifications.report(
			client,
			{ engagementId, kind: 'goal-completed', eventId: 'goal:goal-20:completed:1' },
			ORIGIN
		);
		expect(again).toEqual({ ok: true, value: { recorded: true } });
		expect(goals()).toHaveLength(21);
	});
});

describe('chat message emails are batched', () => {
	const digests = () => f.mailer.sent.filter((m) => /new messages? from Clio/i.test(m.subject));
	const emailStates = () =>
		(
			f.db
				.prepare("SELECT email FROM notifications WHERE kind = 'message' ORDER BY created_at")
				.all() as { email: string }[]
		).map((r) => r.email);

	it('three messages in one quiet period: one email, "3 new messages from Clio", once it is over', async () => {
		const { client, engagementId, notifications, sent } = await practice('cli@example.com', 60_000);
		for (const id of ['a', 'b', 'c']) {
			const eventId = await sent(id);
			await notifications.report(client, { engagementId, kind: 'message', eventId }, ORIGIN);
		}
		await queue.kick();
		expect(digests()).toHaveLength(0);
		expect(emailStates()).toEqual(['pending', 'pending', 'pending']);
		f.clock.advance(60_000);
		await queue.kick();
		expect(digests().map((m) => m.subject)).toEqual(['3 new messages from Clio']);
		expect(digests()[0]!.text).toContain(`${ORIGIN}/notifications`);
		expect(emailStates()).toEqual(['sent', 'sent', 'sent']);
		// The next message starts the next quiet period: no email until it is over.
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('d') },
			ORIGIN
		);
		await queue.kick();
		expect(digests()).toHaveLength(1);
		f.clock.advance(60_000);
		await queue.kick();
		expect(digests().map((m) => m.subject)).toEqual([
			'3 new messages from Clio',
			'New message from Clio'
		]);
	});

	it('what the recipient read in the app meanwhile is not emailed', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice(
			'cli@example.com',
			60_000
		);
		for (const id of ['a', 'b']) {
			const eventId = await sent(id);
			await notifications.report(client, { engagementId, kind: 'message', eventId }, ORIGIN);
		}
		const messages = notifications.list(coach).notifications.filter((n) => n.kind === 'message');
		notifications.markRead(
			coach,
			messages.map((n) => n.id)
		);
		f.clock.advance(60_000);
		await queue.kick();
		expect(digests()).toHaveLength(0);
		expect(emailStates()).toEqual(['off', 'off']);
		// Read one of two: the digest tells of the other only.
		for (const id of ['c', 'd']) {
			const eventId = await sent(id);
			await notifications.report(client, { engagementId, kind: 'message', eventId }, ORIGIN);
		}
		const [newest] = notifications.list(coach).notifications;
		notifications.markRead(coach, [newest!.id]);
		f.clock.advance(60_000);
		await queue.kick();
		expect(digests().map((m) => m.subject)).toEqual(['New message from Clio']);
	});
});

describe('notification emails are durable', () => {
	const emailOf = (id: string) =>
		(f.db.prepare('SELECT email FROM notifications WHERE id = ?').get(id) as { email: string })
			.email;

	it('a mail server that is down delays the email; it goes out once when it is back', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice();
		f.mailer.failWith = 'connect ECONNREFUSED';
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('m1') },
			ORIGIN
		);
		await settle();
		const [message] = notifications.list(coach).notifications;
		expect(message).toMatchObject({ text: 'New message from Clio' });
		expect(emailOf(message!.id)).toBe('pending');
		f.mailer.failWith = null;
		// Not before its backoff…
		await queue.kick();
		expect(f.mailer.sent.filter((m) => m.subject === 'New message from Clio')).toHaveLength(0);
		// …then exactly once, however often the loop runs.
		f.clock.advance(60_000);
		await Promise.all([queue.kick(), queue.kick()]);
		await queue.kick();
		expect(f.mailer.sent.filter((m) => m.subject === 'New message from Clio')).toHaveLength(1);
		expect(emailOf(message!.id)).toBe('sent');
	});

	it('the email is queued with the notification: a repeated event queues nothing more', async () => {
		const { coach, client, engagementId, notifications, sent } = await practice();
		const queued = () =>
			(f.db.prepare('SELECT COUNT(*) AS n FROM mail_queue').get() as { n: number }).n;
		const before = queued();
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('x') },
			ORIGIN
		);
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('x') },
			ORIGIN
		);
		expect(queued()).toBe(before + 1);
		expect(notifications.list(coach).unread).toBe(2);
	});

	it("record(): in-app only with email 'off'; 'setting' follows the recipient's setting", async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const event = (eventId: string) =>
			({
				engagementId,
				eventId,
				kind: 'booking-reminder',
				actorId: client.id,
				recipientId: coach.id,
				text: 'Reminder: session with Clio'
			}) as const;
		const reminders = () =>
			f.mailer.sent.filter((m) => m.subject === 'Reminder: session with Clio');
		expect(notifications.record(event('r1'), { email: 'off' })).not.toBeNull();
		expect(notifications.record(event('r1'), { email: 'off' })).toBeNull();
		await settle();
		expect(reminders()).toHaveLength(0);
		notifications.record(event('r2'), { email: 'setting' });
		await settle();
		expect(reminders()).toHaveLength(1);
		notifications.saveSettings(coach, { emailNotifications: false });
		notifications.record(event('r3'), { email: 'setting' });
		await settle();
		expect(reminders()).toHaveLength(1);
		expect(
			notifications.list(coach).notifications.filter((n) => n.kind === 'booking-reminder')
		).toHaveLength(3);
	});

	it('the queued text is cleared once sent, and a pending one goes with its engagement', async () => {
		const { client, engagementId, notifications, sent } = await practice();
		const messages = () =>
			f.db
				.prepare('SELECT status, message FROM mail_queue WHERE engagement_id = ?')
				.all(engagementId);
		expect(messages()).toEqual([{ status: 'sent', message: '{}' }]); // invite accepted
		f.mailer.failWith = 'down';
		await notifications.report(
			client,
			{ engagementId, kind: 'message', eventId: await sent('p') },
			ORIGIN
		);
		await settle();
		expect(messages()).toContainEqual({
			status: 'pending',
			message: expect.stringContaining('New message from Clio')
		});
		f.db.prepare('DELETE FROM engagements WHERE id = ?').run(engagementId);
		expect(messages()).toEqual([]);
		expect(f.db.prepare('SELECT COUNT(*) AS n FROM mail_queue').get()).toEqual({ n: 0 });
	});
});
