import { afterEach, describe, expect, it } from 'vitest';
import { BookingStore } from './booking-store';
import { schedulingFixture } from './scheduling-fixture.testing';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

const HOUR = 3_600_000;

describe('BookingStore', () => {
	it('the partial UNIQUE index refuses a second confirmed booking of one coach and start', async () => {
		f = await schedulingFixture();
		const store = new BookingStore(f.db, f.clock.now);
		const startsAt = f.clock.now() + 48 * HOUR;
		const input = {
			engagementId: f.engagementId,
			coachId: f.coach.id,
			clientId: f.client.id,
			bookedBy: f.coach.id,
			startsAt,
			endsAt: startsAt + HOUR,
			timeZone: 'UTC',
			kind: 'video' as const
		};
		const first = store.claim({ ...input, bufferMs: 0, sessionsLeft: 5 });
		expect(first.ok).toBe(true);
		// Even a writer that skipped the overlap check cannot store a second one.
		const raw = () =>
			f.db
				.prepare(
					`INSERT INTO bookings (id, engagement_id, coach_id, client_id, booked_by, starts_at, ends_at,
					 time_zone, kind, status, sequence, created_at, updated_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, 'UTC', 'video', 'confirmed', 0, 0, 0)`
				)
				.run('dup', f.engagementId, f.coach.id, f.client.id, f.coach.id, startsAt, startsAt + HOUR);
		expect(raw).toThrow(/UNIQUE/);
		// A cancelled booking frees its start for a new one.
		expect(first.ok && store.cancel(first.booking.id, null)).toMatchObject({ status: 'cancelled' });
		expect(store.claim({ ...input, bufferMs: 0, sessionsLeft: 5 }).ok).toBe(true);
	});

	it('refuses overlaps within the buffer and claims beyond the allowance', async () => {
		f = await schedulingFixture();
		const store = new BookingStore(f.db, f.clock.now);
		const at = (hours: number) => {
			const startsAt = f.clock.now() + hours * HOUR;
			return {
				engagementId: f.engagementId,
				coachId: f.coach.id,
				clientId: f.client.id,
				bookedBy: f.coach.id,
				startsAt,
				endsAt: startsAt + HOUR,
				timeZone: 'UTC',
				kind: 'audio' as const,
				bufferMs: 15 * 60_000,
				sessionsLeft: 2
			};
		};
		expect(store.claim(at(30)).ok).toBe(true);
		expect(store.claim({ ...at(31), startsAt: at(31).startsAt + 10 * 60_000 })).toEqual({
			ok: false,
			reason: 'slot-taken'
		});
		expect(store.claim(at(40)).ok).toBe(true);
		expect(store.claim(at(50))).toEqual({ ok: false, reason: 'no-sessions-left' });
		expect(store.heldCount(f.engagementId)).toBe(2);
	});

	it('a booking that ended keeps its session until the ledger records its outcome', async () => {
		f = await schedulingFixture();
		const store = new BookingStore(f.db, f.clock.now);
		const startsAt = f.clock.now() + 2 * HOUR;
		const claim = (start: number, recordedBookingIds: string[] = []) =>
			store.claim({
				engagementId: f.engagementId,
				coachId: f.coach.id,
				clientId: f.client.id,
				bookedBy: f.coach.id,
				startsAt: start,
				endsAt: start + HOUR,
				timeZone: 'UTC',
				kind: 'video',
				bufferMs: 0,
				sessionsLeft: 1,
				recordedBookingIds
			});
		const first = claim(startsAt);
		expect(first.ok).toBe(true);
		f.clock.advance(10 * HOUR);
		// Over, but not recorded: its session is still held.
		expect(claim(f.clock.now() + 5 * HOUR)).toEqual({ ok: false, reason: 'no-sessions-left' });
		const firstId = first.ok ? first.booking.id : '';
		expect(store.heldCount(f.engagementId, [firstId])).toBe(0);
		// Without a package there is no allowance to hold against.
		expect(
			store.claim({
				engagementId: f.engagementId,
				coachId: f.coach.id,
				clientId: f.client.id,
				bookedBy: f.coach.id,
				startsAt: f.clock.now() + 7 * HOUR,
				endsAt: f.clock.now() + 8 * HOUR,
				timeZone: 'UTC',
				kind: 'video',
				bufferMs: 0,
				sessionsLeft: null
			}).ok
		).toBe(true);
	});
});
