import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import * as sub from '../../docs/subscription-doc';
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

// The fixture's clock starts Mon 5 Jan 2026, 09:00 UTC.
const TUE_10 = '2026-01-06T10:00:00.000Z';
const TUE_11 = '2026-01-06T11:00:00.000Z';

async function setUp(options: { selfBooking?: boolean; sessionsTotal?: number } = {}) {
	f = await schedulingFixture(options);
	const saved = f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	expect(saved.ok).toBe(true);
	return f;
}

const body = (startsAt: string, kind = 'video') => ({ startsAt, kind, timeZone: 'Europe/Berlin' });

describe('BookingService', () => {
	it('two people booking the same slot at once: exactly one booking, one slot-taken', async () => {
		await setUp();
		const { bookings } = f.scheduling;
		const results = await Promise.all([
			bookings.book(f.client, f.engagementId, bookingInput(body(TUE_10))),
			bookings.book(f.coach, f.engagementId, bookingInput(body(TUE_10, 'audio'))),
			bookings.book(f.client, f.engagementId, bookingInput(body(TUE_10)))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const losers = results.filter((r) => !r.ok);
		expect(losers).toHaveLength(2);
		for (const loser of losers) {
			expect(loser).toMatchObject({
				error: { code: 'slot-taken', message: 'This time was just taken.' }
			});
		}
		const rows = f.db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number };
		expect(rows.n).toBe(1);
	});

	it('writes confirmed bookings into the sub: document and updates them in place', async () => {
		await setUp();
		const booked = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput(body(TUE_10))
		);
		if (!booked.ok) {
			throw new Error(booked.error.message);
		}
		const doc = f.docs.docs.get(`sub:${f.engagementId}`) ?? new Y.Doc();
		expect(sub.listBookings(doc)).toEqual([
			expect.objectContaining({
				id: booked.value.id,
				startsAt: Date.parse(TUE_10),
				timeZone: 'Europe/Berlin',
				status: 'confirmed',
				sequence: 0
			})
		]);
		const moved = await f.scheduling.bookings.reschedule(
			f.client,
			booked.value.id,
			moveInput({
				startsAt: TUE_11
			})
		);
		expect(moved).toMatchObject({ ok: true, value: { sequence: 1 } });
		const cancelled = await f.scheduling.bookings.cancel(f.coach, booked.value.id, cancelInput({}));
		expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled', sequence: 2 } });
		expect(sub.listBookings(doc)).toEqual([
			expect.objectContaining({ startsAt: Date.parse(TUE_11), status: 'cancelled', sequence: 2 })
		]);
	});

	it('bookings count against the package: with none left a client cannot book and is told why', async () => {
		await setUp({ sessionsTotal: 1 });
		const { bookings } = f.scheduling;
		expect((await bookings.book(f.client, f.engagementId, bookingInput(body(TUE_10)))).ok).toBe(
			true
		);
		const second = await bookings.book(f.client, f.engagementId, bookingInput(body(TUE_11)));
		expect(second).toMatchObject({ ok: false, error: { code: 'no-sessions-left' } });
		const slots = await bookings.slots(f.client, f.engagementId, {
			from: '2026-01-06',
			days: 1,
			timeZone: null
		});
		expect(slots).toMatchObject({
			ok: true,
			value: { canBook: false, reason: expect.stringContaining('no sessions left') }
		});
		// The booked hour is no longer offered.
		expect(slots.ok && slots.value.slots.map((s) => s.startsAt)).not.toContain(TUE_10);
	});

	it('the slot list carries the coach’s horizon and notice policy, so the client sees them ahead', async () => {
		await setUp();
		const saved = f.scheduling.bookings.availability(f.coach);
		expect(
			f.scheduling.bookings.saveAvailability(f.coach, {
				...saved,
				maxDaysAhead: 45,
				cancelNoticeHours: 36
			}).ok
		).toBe(true);
		const slots = await f.scheduling.bookings.slots(f.client, f.engagementId, {
			from: '2026-01-06',
			days: 1,
			timeZone: null
		});
		expect(slots).toMatchObject({ ok: true, value: { maxDaysAhead: 45, cancelNoticeHours: 36 } });
	});

	it('clients book only offered slots, and only with self-booking on', async () => {
		await setUp({ selfBooking: false });
		const { bookings } = f.scheduling;
		expect(await bookings.book(f.client, f.engagementId, bookingInput(body(TUE_10)))).toMatchObject(
			{
				error: { code: 'self-booking-off' }
			}
		);
		// The coach may book any future free time, even outside their hours.
		expect(
			(await bookings.book(f.coach, f.engagementId, bookingInput(body('2026-01-10T20:00:00Z')))).ok
		).toBe(true);
		f.cleanup();
		await setUp();
		expect(
			await f.scheduling.bookings.book(
				f.client,
				f.engagementId,
				bookingInput(body('2026-01-10T20:00:00Z'))
			)
		).toMatchObject({ error: { code: 'invalid-input' } });
		expect(
			await f.scheduling.bookings.book(
				f.client,
				f.engagementId,
				bookingInput(body('2026-01-06T10:30:00Z'))
			)
		).toMatchObject({ error: { code: 'invalid-input' } });
	});

	it('clients cancel or move only until the notice period; coaches always', async () => {
		await setUp();
		const { bookings } = f.scheduling;
		const booked = await bookings.book(f.client, f.engagementId, bookingInput(body(TUE_10)));
		if (!booked.ok) {
			throw new Error(booked.error.message);
		}
		f.clock.advance(2 * 3_600_000); // 23 h before: inside the 24 h notice
		expect(await bookings.cancel(f.client, booked.value.id, cancelInput({}))).toMatchObject({
			error: { code: 'too-late' }
		});
		expect(
			await bookings.reschedule(f.client, booked.value.id, moveInput({ startsAt: TUE_11 }))
		).toMatchObject({ error: { code: 'too-late' } });
		expect(
			await bookings.cancel(f.coach, booked.value.id, cancelInput({ reason: 'ill' }))
		).toMatchObject({
			ok: true
		});
	});

	it('sends each side a confirmation with an .ics, and tells the other side in-app', async () => {
		await setUp();
		f.db.prepare('UPDATE users SET phone = ? WHERE id = ?').run('+49 30 1234567', f.client.id);
		const booked = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput(body(TUE_10, 'phone'))
		);
		expect(booked).toMatchObject({ ok: true, value: { clientPhone: '+49 30 1234567' } });
		await f.settle();
		const mails = f.mailer.sent.filter((m) => m.attachments); // not the invite
		expect(mails.map((m) => m.to).sort()).toEqual(['clio@example.com', 'cora@example.com']);
		const coachMail = mails.find((m) => m.to === 'cora@example.com')!;
		expect(coachMail.attachments?.[0]?.content).toContain('METHOD:REQUEST');
		expect(coachMail.subject).toContain('Tue, 6 Jan 2026, 10:00 (UTC)');
		const clientMail = mails.find((m) => m.to === 'clio@example.com')!;
		expect(clientMail.subject).toContain('11:00 (Europe/Berlin)');
		// Phone sessions: the client's number is in both confirmations and the event.
		expect(clientMail.text).toContain('Your coach will call you at +49 30 1234567.');
		expect(coachMail.text).toContain('Call Clio Client at +49 30 1234567.');
		expect(coachMail.attachments?.[0]?.content.replace(/\r\n[ \t]/g, '')).toContain(
			'+49 30 1234567'
		);
		const notices = f.db.prepare('SELECT user_id, kind FROM notifications').all();
		expect(notices).toEqual([{ user_id: f.coach.id, kind: 'booking-made' }]);
	});
});
