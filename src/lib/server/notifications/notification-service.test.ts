import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../domain/account';
import { eventIds } from '../../domain/notification-kinds';
import { membershipFixture } from '../memberships/membership-fixture.testing';
import { createNotifications } from './create-notifications';
import { NotificationStore } from './notification-store';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

const ORIGIN = 'https://tandem.test';

/** A coach with one active client; notifications wired over the fixture's real SQLite. */
async function practice(clientEmail = 'cli@example.com') {
	const coach =
		f.users.byEmail('cora@example.com') ?? (await f.account('coach', 'Cora', 'cora@example.com'));
	const notifications = createNotifications({ ...f, origin: ORIGIN, now: f.clock.now });
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
	return {
		coach: coach as PublicUser,
		client: accepted.value.signedIn.user,
		engagementId: accepted.value.engagementId,
		notifications
	};
}

/** The invite-accepted hook runs without being awaited: let its email go out. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const goalMails = () => f.mailer.sent.filter((m) => m.subject === 'Clio completed a goal');

describe('notification deduplication', () => {
	it('the same event reported twice notifies the other side once and emails once', async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const event = { engagementId, kind: 'goal-completed', eventId: 'goal:g1:completed:5' } as const;
		const first = await notifications.report(client, event, ORIGIN);
		const second = await notifications.report(client, event, ORIGIN);
		expect(first).toEqual({ ok: true, value: { recorded: true } });
		expect(second).toEqual({ ok: true, value: { recorded: false } });
		const list = notifications.list(coach);
		expect(list.notifications.filter((n) => n.kind === 'goal-completed')).toHaveLength(1);
		expect(goalMails()).toHaveLength(1);
		expect(goalMails()[0]!.to).toBe('cora@example.com');
		// What happened, never the content.
		expect(goalMails()[0]!.text).toContain('Clio completed a goal.');
		expect(notifications.list(client).notifications).toHaveLength(0);
	});

	it('concurrent reports (two tabs at once) record one event', async () => {
		const { coach, client, engagementId, notifications } = await practice();
		const event = { engagementId, kind: 'message', eventId: 'message:m1' } as const;
		const results = await Promise.all(
			Array.from({ length: 5 }, () => notifications.report(client, event, ORIGIN))
		);
		const recorded = results.map((r) => r.ok && r.value.recorded);
		expect(recorded.filter(Boolean)).toHaveLength(1);
		expect(notifications.list(coach).notifications.filter((n) => n.kind === 'message')).toEqual([
			expect.objectContaining({ text: 'New message from Clio', readAt: null })
		]);
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
		const eventId = 'message:same-id';
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
		const { client, engagementId, notifications } = await practice();
		await notifications.report(client, { engagementId, kind: 'message', eventId: 'x' }, ORIGIN);
		const reused = await notifications.report(
			client,
			{ engagementId, kind: 'comment-added', eventId: 'x' },
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
		const { coach, client, engagementId, notifications } = await practice();
		notifications.saveSettings(coach, { emailNotifications: false });
		expect(notifications.settings(coach)).toEqual({ emailNotifications: false });
		const before = f.mailer.sent.length;
		await notifications.report(client, { engagementId, kind: 'message', eventId: 'm' }, ORIGIN);
		expect(f.mailer.sent.length).toBe(before);
		expect(notifications.list(coach).unread).toBe(2);
	});

	it('marks read by id (own only) or all', async () => {
		const { coach, client, engagementId, notifications } = await practice();
		await notifications.report(client, { engagementId, kind: 'message', eventId: 'm' }, ORIGIN);
		const [newest] = notifications.list(coach).notifications;
		expect(notifications.markRead(client, [newest!.id]).unread).toBe(0);
		expect(notifications.list(coach).unread).toBe(2);
		expect(notifications.markRead(coach, [newest!.id]).unread).toBe(1);
		expect(notifications.markRead(coach, null).unread).toBe(0);
	});
});
