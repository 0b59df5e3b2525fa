import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import * as sub from '../../docs/subscription-doc';
import { ENDED_REASON } from './engagement-end';
import { bookingInput, officeHours, schedulingFixture } from './scheduling-fixture.testing';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const HOUR = 3_600_000;

/** The fixture's clock starts Mon 09:00 UTC; books `hoursAhead` from now. */
async function book(hoursAhead: number) {
	const booked = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
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

describe('ending an engagement cancels its future bookings', () => {
	it('cancels in SQLite at once, then the sub: document, the emails, and no reminder fires', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		const soon = await book(2); // Mon 11:00
		const tomorrow = await book(25); // Tue 10:00
		// The first session is over by the time the coach ends the engagement: it stays as it was.
		f.clock.advance(4 * HOUR);
		await f.settle();
		const mailsBefore = f.mailer.sent.length;

		const ended = f.memberships.end(f.coach.id, f.engagementId);
		expect(ended).toMatchObject({ ok: true, value: { status: 'ended' } });
		// Synchronously, before any document write or email: the API already says cancelled.
		expect(f.scheduling.bookings.list(f.coach, { from: 0, to: Infinity })).toEqual([
			expect.objectContaining({ id: soon.id, status: 'confirmed', sequence: 0 }),
			expect.objectContaining({ id: tomorrow.id, status: 'cancelled', sequence: 1 })
		]);
		const reason = f.db
			.prepare('SELECT cancel_reason AS r FROM bookings WHERE id = ?')
			.get(tomorrow.id);
		expect(reason).toEqual({ r: ENDED_REASON });
		await f.settle();

		const doc = f.docs.docs.get(`sub:${f.engagementId}`) ?? new Y.Doc();
		expect(sub.listBookings(doc)).toEqual([
			expect.objectContaining({ id: soon.id, status: 'confirmed' }),
			expect.objectContaining({ id: tomorrow.id, status: 'cancelled', sequence: 1 })
		]);
		const cancellations = f.mailer.sent.slice(mailsBefore);
		expect(cancellations.map((m) => m.to).sort()).toEqual(['clio@example.com', 'cora@example.com']);
		for (const mail of cancellations) {
			expect(mail.attachments?.[0]?.content).toContain('METHOD:CANCEL');
		}
		const notice = f.db
			.prepare("SELECT user_id AS userId FROM notifications WHERE kind = 'booking-cancelled'")
			.all();
		expect(notice).toEqual([{ userId: f.client.id }]);

		// A day later both reminder times have passed: nothing is sent for the cancelled session.
		f.clock.advance(24 * HOUR);
		await f.scheduling.reminders.tick();
		expect(f.mailer.sent.filter((m) => m.subject.startsWith('Reminder:'))).toEqual([]);
		const planned = f.db
			.prepare('SELECT lead FROM booking_reminders WHERE booking_id = ?')
			.all(tomorrow.id);
		expect(planned).toEqual([]);
	});

	it('ending twice cancels nothing more', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		await book(25);
		f.memberships.end(f.coach.id, f.engagementId);
		await f.settle();
		const mails = f.mailer.sent.length;
		f.memberships.end(f.coach.id, f.engagementId);
		await f.settle();
		expect(f.mailer.sent.length).toBe(mails);
	});
});
