import { afterEach, describe, expect, it } from 'vitest';
import { ORIGIN } from '../memberships/membership-fixture.testing';
import { AvailabilityStore } from './availability-store';
import { BookingAnnouncer } from './booking-announcer';
import { bookingInput, officeHours, schedulingFixture } from './scheduling-fixture.testing';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const TUE_10 = '2026-01-06T10:00:00.000Z';
const bookingMails = () => f.mailer.sent.filter((m) => m.attachments?.length);

async function booked() {
	f = await schedulingFixture();
	f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	const result = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
		bookingInput({
			startsAt: TUE_10,
			kind: 'video',
			timeZone: 'UTC'
		})
	);
	if (!result.ok) {
		throw new Error(result.error.message);
	}
	await f.settle();
	return result.value;
}

/** A second announcer over the same database: a retry after a restart. */
const announcer = () =>
	new BookingAnnouncer({
		db: f.db,
		mailQueue: f.mailQueue,
		notifications: f.notifications,
		availability: new AvailabilityStore(f.db, f.clock.now),
		origin: ORIGIN,
		now: f.clock.now
	});

describe('BookingAnnouncer', () => {
	it('announcing the same change again queues nothing more (refs per booking, sequence, side)', async () => {
		const booking = await booked();
		expect(bookingMails()).toHaveLength(2);
		announcer().record({ kind: 'made', booking, actor: f.coach });
		await f.settle();
		expect(bookingMails()).toHaveLength(2);
		const refs = f.db
			.prepare("SELECT ref FROM mail_queue WHERE ref LIKE 'booking:%' ORDER BY ref")
			.all() as { ref: string }[];
		expect(refs.map((r) => r.ref)).toEqual(
			[f.client.id, f.coach.id].sort().map((id) => `booking:${booking.id}:0:made:${id}`)
		);
	});

	it('a booking made while the mail server is down is confirmed once it is back', async () => {
		f = await schedulingFixture();
		f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
		f.mailer.failWith = 'connection refused';
		const result = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput({
				startsAt: TUE_10,
				kind: 'video',
				timeZone: 'Europe/Berlin'
			})
		);
		expect(result.ok).toBe(true);
		await f.settle();
		expect(bookingMails()).toEqual([]);
		f.mailer.failWith = null;
		f.clock.advance(60_000);
		await f.settle();
		expect(
			bookingMails()
				.map((m) => m.to)
				.sort()
		).toEqual(['clio@example.com', 'cora@example.com']);
		for (const mail of bookingMails()) {
			expect(mail.attachments![0]!.content).toContain('METHOD:REQUEST');
		}
	});
});
