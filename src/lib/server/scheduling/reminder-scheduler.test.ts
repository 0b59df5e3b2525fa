import { afterEach, describe, expect, it } from 'vitest';
import { NotificationStore } from '../notifications/notification-store';
import { createScheduling } from './create-scheduling';
import {
	bookingInput,
	cancelInput,
	moveInput,
	officeHours,
	schedulingFixture
} from './scheduling-fixture.testing';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const HOUR = 3_600_000;
/** The reminder emails sent so far, once the mail queue has drained. */
async function reminders() {
	await f.settle();
	return f.mailer.sent.filter((m) => m.subject.startsWith('Reminder:'));
}

async function bookTomorrowPlus(hours: number) {
	f = await schedulingFixture();
	f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	// The clock starts Mon 09:00 UTC; book Tue at 09:00 + `hours`.
	const startsAt = f.clock.now() + (24 + hours) * HOUR;
	const booked = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
		bookingInput({
			startsAt: new Date(startsAt).toISOString(),
			kind: 'video',
			timeZone: 'UTC'
		})
	);
	if (!booked.ok) {
		throw new Error(booked.error.message);
	}
	await f.settle();
	return booked.value;
}

describe('ReminderScheduler', () => {
	it('sends the 24 h and 1 h reminders once each, to both sides, email and in-app', async () => {
		await bookTomorrowPlus(1);
		const { reminders: scheduler } = f.scheduling;
		expect(await scheduler.tick()).toBe(0);
		f.clock.advance(HOUR + 1);
		expect(await scheduler.tick()).toBe(1);
		expect(await scheduler.tick()).toBe(0);
		expect((await reminders()).map((m) => m.to).sort()).toEqual([
			'clio@example.com',
			'cora@example.com'
		]);
		expect((await reminders())[0]!.subject).toContain('tomorrow');
		f.clock.advance(23 * HOUR);
		expect(await scheduler.tick()).toBe(1);
		expect(await reminders()).toHaveLength(4);
		expect((await reminders())[3]!.subject).toContain('in one hour');
		const inApp = f.db
			.prepare("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'booking-reminder'")
			.get() as { n: number };
		expect(inApp.n).toBe(4);
	});

	it('reminder emails follow the email-notifications setting; the in-app reminder stays', async () => {
		await bookTomorrowPlus(1);
		new NotificationStore(f.db).setEmailNotifications(f.client.id, false);
		f.clock.advance(HOUR + 1);
		expect(await f.scheduling.reminders.tick()).toBe(1);
		expect((await reminders()).map((m) => m.to)).toEqual(['cora@example.com']);
		const inApp = f.db
			.prepare("SELECT user_id FROM notifications WHERE kind = 'booking-reminder' ORDER BY user_id")
			.all() as { user_id: string }[];
		expect(inApp.map((r) => r.user_id).sort()).toEqual([f.client.id, f.coach.id].sort());
	});

	it('a second scheduler over the same database (a restart) neither repeats nor loses one', async () => {
		await bookTomorrowPlus(1);
		f.clock.advance(HOUR + 1);
		const restarted = createScheduling({
			db: f.db,
			database: f.database,
			docWriter: f.docWriter,
			mailQueue: f.mailQueue,
			notifications: f.notifications,
			origin: undefined,
			dataDir: f.dir,
			now: f.clock.now
		});
		const [a, b] = await Promise.all([f.scheduling.reminders.tick(), restarted.reminders.tick()]);
		expect(a + b).toBe(1);
		expect(await reminders()).toHaveLength(2);
	});

	it('a cancelled booking sends nothing; a moved one is reminded for its new time', async () => {
		const booking = await bookTomorrowPlus(1);
		await f.scheduling.bookings.cancel(f.coach, booking.id, cancelInput({}));
		f.clock.advance(25 * HOUR);
		expect(await f.scheduling.reminders.tick()).toBe(0);
		f.cleanup();
		const other = await bookTomorrowPlus(1);
		const moved = await f.scheduling.bookings.reschedule(
			f.coach,
			other.id,
			moveInput({
				startsAt: new Date(other.startsAt + 48 * HOUR).toISOString()
			})
		);
		expect(moved.ok).toBe(true);
		f.clock.advance(HOUR + 1); // the old 24 h reminder's time: nothing due any more
		expect(await f.scheduling.reminders.tick()).toBe(0);
		f.clock.advance(48 * HOUR);
		expect(await f.scheduling.reminders.tick()).toBe(1);
	});

	it('a reminder email that fails is retried by the queue and arrives once', async () => {
		const booking = await bookTomorrowPlus(1);
		f.clock.advance(HOUR + 1);
		f.mailer.failWith = 'mail server down';
		expect(await f.scheduling.reminders.tick()).toBe(1);
		expect(await reminders()).toEqual([]);
		f.mailer.failWith = null;
		f.clock.advance(60_000); // the queue's first backoff
		expect(await f.scheduling.reminders.tick()).toBe(0);
		expect((await reminders()).map((m) => m.to).sort()).toEqual([
			'clio@example.com',
			'cora@example.com'
		]);
		f.clock.advance(HOUR);
		expect(await reminders()).toHaveLength(2);
		const row = f.mailQueue.withdraw(`reminder:${booking.id}:`, 'nothing left to withdraw');
		expect(row).toBe(0);
	});

	it('a queued reminder not sent by the session start never goes out', async () => {
		const booking = await bookTomorrowPlus(1);
		f.clock.advance(24 * HOUR + 1); // the 1 h reminder's time (the 24 h one is due too)
		f.mailer.failWith = 'mail server down';
		expect(await f.scheduling.reminders.tick()).toBe(2);
		await reminders();
		f.clock.advance(HOUR); // the session starts
		f.mailer.failWith = null;
		expect(await reminders()).toEqual([]);
		const rows = f.db
			.prepare('SELECT status, last_error AS error FROM mail_queue WHERE ref LIKE ?')
			.all(`reminder:${booking.id}:%`);
		expect(rows).toHaveLength(4);
		expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(
			new Set([JSON.stringify({ status: 'failed', error: 'expired' })])
		);
	});

	it('cancelling a booking withdraws its reminder emails still waiting in the queue', async () => {
		const booking = await bookTomorrowPlus(1);
		f.clock.advance(HOUR + 1);
		f.mailer.failWith = 'mail server down';
		expect(await f.scheduling.reminders.tick()).toBe(1);
		await reminders();
		f.mailer.failWith = null;
		expect((await f.scheduling.bookings.cancel(f.coach, booking.id, cancelInput({}))).ok).toBe(
			true
		);
		f.clock.advance(HOUR);
		expect(await reminders()).toEqual([]);
		const cancelled = f.mailer.sent.filter((m) => m.subject.startsWith('Session cancelled'));
		expect(cancelled).toHaveLength(2);
		const withdrawn = f.db
			.prepare("SELECT COUNT(*) AS n FROM mail_queue WHERE last_error = 'booking cancelled'")
			.get();
		expect(withdrawn).toEqual({ n: 2 });
	});
});
