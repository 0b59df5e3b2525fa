import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import * as sub from '../../docs/subscription-doc';
import type { PublicUser } from '../../domain/account';
import { ENDED_REASON } from './engagement-end';
import { bookingInput, officeHours, schedulingFixture } from './scheduling-fixture.testing';

/**
 * The crash window of ending an engagement: the `ended` row committed, the process died before
 * the onEnded listener cancelled the bookings. Simulated by the very UPDATE that
 * EngagementStore.end() runs, without MembershipService.end() and so without its listeners.
 */
type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const HOUR = 3_600_000;

function endWithoutListeners(engagementId: string): void {
	const changed = f.db
		.prepare(
			`UPDATE engagements SET status = 'ended', ended_at = ? WHERE id = ? AND status != 'ended'`
		)
		.run(f.clock.now(), engagementId);
	expect(changed.changes).toBe(1);
}

async function book(engagementId: string, hoursAhead: number) {
	const booked = await f.scheduling.bookings.book(
		f.coach,
		engagementId,
		bookingInput({
			startsAt: new Date(f.clock.now() + hoursAhead * HOUR).toISOString(),
			kind: 'video',
			timeZone: 'UTC'
		})
	);
	if (!booked.ok) {
		throw new Error(booked.error.message);
	}
	return booked.value;
}

/** A second client of the same coach, with the same package; their engagement stays active. */
async function secondEngagement(): Promise<string> {
	const { packageId } = f.db
		.prepare('SELECT package_id AS packageId FROM engagements WHERE id = ?')
		.get(f.engagementId) as { packageId: string };
	const { token } = await f.invite(f.coach as PublicUser, { email: 'cleo@example.com', packageId });
	const accepted = await f.inviteAcceptance.accept(
		token,
		{ name: 'Cleo Client', password: 'another long password' },
		'127.0.0.1'
	);
	if (!accepted.ok) {
		throw new Error(accepted.error.message);
	}
	return accepted.value.engagementId;
}

const statusOf = (id: string) =>
	(f.db.prepare('SELECT status, sequence FROM bookings WHERE id = ?').get(id) as {
		status: string;
		sequence: number;
	}) ?? null;

const cancellationMails = () => f.mailer.sent.filter((m) => /^Session cancelled/.test(m.subject));
const reminderMails = () => f.mailer.sent.filter((m) => m.subject.startsWith('Reminder:'));

describe('the engagement-end sweep', () => {
	it('cancels future bookings of ended engagements, once; past ones and active engagements stay', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		const other = await secondEngagement();
		const past = await book(f.engagementId, 2); // Mon 11:00
		const future = await book(f.engagementId, 25); // Tue 10:00
		const active = await book(other, 26); // Tue 11:00, the other client
		f.clock.advance(4 * HOUR); // the Mon 11:00 session is over
		await f.settle();
		const mailsBefore = f.mailer.sent.length;
		endWithoutListeners(f.engagementId);

		expect(await f.scheduling.endSweep.run()).toBe(1);
		await f.settle();

		expect(statusOf(past.id)).toEqual({ status: 'confirmed', sequence: 0 });
		expect(statusOf(future.id)).toEqual({ status: 'cancelled', sequence: 1 });
		expect(statusOf(active.id)).toEqual({ status: 'confirmed', sequence: 0 });
		const reason = f.db.prepare('SELECT cancel_reason AS r FROM bookings WHERE id = ?');
		expect(reason.get(future.id)).toEqual({ r: ENDED_REASON });
		// Exactly what the normal path sends: both sides a METHOD:CANCEL, the client a notice.
		const mails = f.mailer.sent.slice(mailsBefore);
		expect(mails.map((m) => m.to).sort()).toEqual(['clio@example.com', 'cora@example.com']);
		for (const mail of mails) {
			expect(mail.subject).toMatch(/^Session cancelled/);
			expect(mail.attachments?.[0]?.content).toContain('METHOD:CANCEL');
		}
		const notices = f.db
			.prepare("SELECT user_id AS userId FROM notifications WHERE kind = 'booking-cancelled'")
			.all();
		expect(notices).toEqual([{ userId: f.client.id }]);
		const doc = f.docs.docs.get(`sub:${f.engagementId}`) ?? new Y.Doc();
		expect(sub.listBookings(doc)).toEqual([
			expect.objectContaining({ id: past.id, status: 'confirmed' }),
			expect.objectContaining({ id: future.id, status: 'cancelled', sequence: 1 })
		]);
		expect(
			f.db.prepare('SELECT * FROM booking_reminders WHERE booking_id = ?').all(future.id)
		).toEqual([]);

		// Idempotent: a second sweep (the next pass, or the next start) does nothing at all.
		expect(await f.scheduling.endSweep.run()).toBe(0);
		await f.scheduling.reminders.tick();
		await f.settle();
		expect(cancellationMails()).toHaveLength(2);
		// The pass did run: the active engagement's session (Tue 11:00) got its 24 h reminders.
		expect(
			reminderMails()
				.map((m) => m.to)
				.sort()
		).toEqual(['cleo@example.com', 'cora@example.com']);
		expect(f.mailer.sent.length).toBe(mailsBefore + 4);
		expect(statusOf(future.id)).toEqual({ status: 'cancelled', sequence: 1 });
	});

	it('after the normal end() the sweep finds nothing left to cancel', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		await book(f.engagementId, 25);
		f.memberships.end(f.coach.id, f.engagementId);
		await f.settle();
		const mails = f.mailer.sent.length;
		expect(cancellationMails()).toHaveLength(2);
		expect(await f.scheduling.endSweep.run()).toBe(0);
		await f.settle();
		expect(f.mailer.sent.length).toBe(mails);
	});

	it('a reminder pass sweeps first, and never reminds of a session of an ended engagement', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		const future = await book(f.engagementId, 25); // Tue 10:00: its 24 h reminder is due Mon 10:00
		await f.settle();
		endWithoutListeners(f.engagementId);
		// The cancellation's emails cannot be queued (a real trigger), so the sweep cannot cancel
		// it and rolls back; reminder emails still could be queued.
		f.db.exec(`CREATE TRIGGER test_cancel_mail_down BEFORE INSERT ON mail_queue
			WHEN NEW.ref LIKE '%:cancelled:%'
			BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END`);
		f.clock.advance(2 * HOUR); // Mon 11:00, past the 24 h reminder time

		await f.scheduling.reminders.tick();
		await f.settle();
		expect(statusOf(future.id)).toEqual({ status: 'confirmed', sequence: 0 });
		const planned = f.db.prepare(
			'SELECT lead, outcome FROM booking_reminders WHERE booking_id = ? AND sent_at IS NOT NULL'
		);
		// The reminder was handled (so the pass really looked at it) and skipped.
		expect(planned.all(future.id)).toEqual([{ lead: '24h', outcome: 'skipped' }]);
		expect(reminderMails()).toEqual([]);
		const reminded = f.db.prepare(
			"SELECT COUNT(*) AS n FROM notifications WHERE kind = 'booking-reminder'"
		);
		expect(reminded.get()).toEqual({ n: 0 });

		// Once emails can be queued again the next pass cancels it, with its emails, once.
		f.db.exec('DROP TRIGGER test_cancel_mail_down');
		await f.scheduling.reminders.tick();
		await f.settle();
		expect(statusOf(future.id)).toEqual({ status: 'cancelled', sequence: 1 });
		expect(
			cancellationMails()
				.map((m) => m.to)
				.sort()
		).toEqual(['clio@example.com', 'cora@example.com']);
		expect(reminderMails()).toEqual([]);
	});
});
