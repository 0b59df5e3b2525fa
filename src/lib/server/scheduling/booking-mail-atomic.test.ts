import { afterEach, describe, expect, it } from 'vitest';
import type { BookingRecord } from './booking-store';
import {
	bookingInput,
	cancelInput,
	moveInput,
	officeHours,
	schedulingFixture
} from './scheduling-fixture.testing';

/**
 * A booking change and its emails commit together (one SQLite transaction): when the emails
 * cannot be queued the change is rolled back, and every stored change has its queued emails
 * the moment the call returns, before any await (so a kill -9 right after the commit loses
 * nothing). The queue is made to fail by a real SQLite trigger, not a mock.
 */
type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const TUE_10 = '2026-01-06T10:00:00.000Z';
const TUE_11 = '2026-01-06T11:00:00.000Z';

function breakQueue(): void {
	f.db.exec(`CREATE TRIGGER test_queue_down BEFORE INSERT ON mail_queue
		BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END`);
}

function mendQueue(): void {
	f.db.exec('DROP TRIGGER test_queue_down');
}

const count = (sql: string, ...params: unknown[]) =>
	(f.db.prepare(sql).get(...params) as { n: number }).n;

/** The refs queued for one change of a booking (both sides), read straight from mail_queue. */
function queuedRefs(b: BookingRecord, change: string): string[] {
	const rows = f.db
		.prepare('SELECT ref FROM mail_queue WHERE ref LIKE ? ORDER BY ref')
		.all(`booking:${b.id}:${b.sequence}:${change}:%`) as { ref: string }[];
	return rows.map((r) => r.ref);
}

const bothSides = (b: BookingRecord, change: string) =>
	[b.coachId, b.clientId].sort().map((id) => `booking:${b.id}:${b.sequence}:${change}:${id}`);

async function setUp() {
	f = await schedulingFixture();
	f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	return f;
}

async function book(startsAt = TUE_10): Promise<BookingRecord> {
	const booked = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
		bookingInput({
			startsAt,
			kind: 'video',
			timeZone: 'UTC'
		})
	);
	if (!booked.ok) {
		throw new Error(booked.error.message);
	}
	return booked.value;
}

describe('a booking change and its emails are one transaction', () => {
	it('a booking whose emails cannot be queued is not stored (nor its notice or reminders)', async () => {
		await setUp();
		breakQueue();
		const failed = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput({
				startsAt: TUE_10,
				kind: 'video',
				timeZone: 'Europe/Berlin'
			})
		);
		expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		expect(count('SELECT COUNT(*) AS n FROM bookings')).toBe(0);
		expect(count('SELECT COUNT(*) AS n FROM booking_reminders')).toBe(0);
		expect(count("SELECT COUNT(*) AS n FROM notifications WHERE kind LIKE 'booking-%'")).toBe(0);
		// Nor the zone a self-booking records: it is part of the same transaction.
		expect(count('SELECT COUNT(*) AS n FROM users WHERE time_zone IS NOT NULL')).toBe(0);

		mendQueue();
		const booked = await book();
		// Queued when the call returns, before any settling: the commit held them.
		expect(queuedRefs(booked, 'made')).toEqual(bothSides(booked, 'made'));
	});

	it('a move or cancel whose emails cannot be queued leaves the booking as it was', async () => {
		await setUp();
		const booked = await book();
		breakQueue();
		const moved = await f.scheduling.bookings.reschedule(
			f.coach,
			booked.id,
			moveInput({ startsAt: TUE_11 })
		);
		expect(moved).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		const cancelled = await f.scheduling.bookings.cancel(f.coach, booked.id, cancelInput({}));
		expect(cancelled).toMatchObject({ ok: false, error: { code: 'unavailable' } });
		expect(f.scheduling.bookings.list(f.coach, { from: 0, to: Infinity })).toEqual([
			expect.objectContaining({
				id: booked.id,
				startsAt: Date.parse(TUE_10),
				status: 'confirmed',
				sequence: 0
			})
		]);
		// Its reminders are still planned for the old time.
		expect(
			count('SELECT COUNT(*) AS n FROM booking_reminders WHERE booking_id = ?', booked.id)
		).toBe(2);

		mendQueue();
		const movedNow = await f.scheduling.bookings.reschedule(
			f.coach,
			booked.id,
			moveInput({
				startsAt: TUE_11
			})
		);
		expect(movedNow).toMatchObject({ ok: true, value: { sequence: 1 } });
		expect(movedNow.ok && queuedRefs(movedNow.value, 'moved')).toEqual(
			movedNow.ok && bothSides(movedNow.value, 'moved')
		);
		const cancelledNow = await f.scheduling.bookings.cancel(f.client, booked.id, cancelInput({}));
		expect(cancelledNow.ok && queuedRefs(cancelledNow.value, 'cancelled')).toEqual(
			cancelledNow.ok && bothSides(cancelledNow.value, 'cancelled')
		);
	});

	it('ending an engagement cancels each booking with its emails, or leaves it confirmed', async () => {
		await setUp();
		const first = await book(TUE_10);
		const second = await book(TUE_11);
		// The first cancellation commits with its emails; the trigger then fails the second one.
		f.db.exec(`CREATE TRIGGER test_queue_down BEFORE INSERT ON mail_queue
			WHEN NEW.ref LIKE 'booking:${second.id}:%'
			BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END`);
		expect(f.memberships.end(f.coach.id, f.engagementId).ok).toBe(true);
		const after = f.scheduling.bookings.list(f.coach, { from: 0, to: Infinity });
		expect(after).toEqual([
			expect.objectContaining({ id: first.id, status: 'cancelled', sequence: 1 }),
			expect.objectContaining({ id: second.id, status: 'confirmed', sequence: 0 })
		]);
		expect(queuedRefs(after[0]!, 'cancelled')).toEqual(bothSides(after[0]!, 'cancelled'));
		expect(queuedRefs(after[1]!, 'cancelled')).toEqual([]);
	});

	it('every stored change has both sides’ emails queued, whoever made it', async () => {
		await setUp();
		const booked = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput({
				startsAt: TUE_10,
				kind: 'audio',
				timeZone: 'Europe/Berlin'
			})
		);
		const moved = booked.ok
			? await f.scheduling.bookings.reschedule(
					f.client,
					booked.value.id,
					moveInput({ startsAt: TUE_11 })
				)
			: booked;
		const cancelled = moved.ok
			? await f.scheduling.bookings.cancel(f.coach, moved.value.id, cancelInput({ reason: 'ill' }))
			: moved;
		const changes = [
			[booked, 'made'],
			[moved, 'moved'],
			[cancelled, 'cancelled']
		] as const;
		for (const [result, change] of changes) {
			expect(result.ok).toBe(true);
			if (result.ok) {
				expect(queuedRefs(result.value, change)).toEqual(bothSides(result.value, change));
			}
		}
	});
});
