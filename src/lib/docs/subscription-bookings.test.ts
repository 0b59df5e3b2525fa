import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createActor } from './actor';
import { serverOrigin } from './origin';
import * as sub from './subscription-doc';

const server = createActor({ userId: 'coach-1', origin: serverOrigin('booking'), now: () => 1000 });
const booking = {
	id: 'b1',
	startsAt: Date.UTC(2026, 2, 30, 8),
	endsAt: Date.UTC(2026, 2, 30, 9),
	timeZone: 'Europe/Berlin',
	kind: 'video' as const,
	status: 'confirmed' as const,
	sequence: 0
};

describe('sub: bookings', () => {
	it('migration 2 adds the bookings map to a version-1 document and keeps its contents', () => {
		const doc = new Y.Doc();
		doc.getMap('package').set('name', 'Kept');
		doc.getMap('meta').set('schemaVersion', 1);
		expect(sub.migrate(doc)).toEqual({ from: 1, to: 2, isNewerThanSupported: false });
		expect(doc.getMap('package').get('name')).toBe('Kept');
		expect(sub.listBookings(doc)).toEqual([]);
	});

	it('upserts in place, ignores stale sequences and unchanged rewrites, syncs to a replica', () => {
		const doc = new Y.Doc();
		sub.migrate(doc);
		expect(sub.upsertBooking(doc, server, booking)).toEqual({ ok: true, value: true });
		expect(sub.upsertBooking(doc, server, booking)).toEqual({ ok: true, value: false });
		const moved = {
			...booking,
			startsAt: booking.startsAt + 3_600_000,
			endsAt: booking.endsAt + 3_600_000,
			sequence: 1
		};
		expect(sub.upsertBooking(doc, server, moved).ok).toBe(true);
		expect(sub.upsertBooking(doc, server, booking)).toEqual({ ok: true, value: false });
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
		expect(sub.listBookings(replica)).toEqual([{ ...moved, updatedAt: 1000 }]);
	});

	it('refuses bookings that end before they start or have an unknown kind', () => {
		const doc = new Y.Doc();
		expect(sub.upsertBooking(doc, server, { ...booking, endsAt: booking.startsAt })).toMatchObject({
			ok: false,
			error: 'invalid-input'
		});
		expect(
			sub.upsertBooking(doc, server, { ...booking, kind: 'fax' as unknown as 'video' })
		).toMatchObject({ ok: false });
		expect(sub.listBookings(doc)).toEqual([]);
	});

	it('self-booking is off until set, and travels in the package map', () => {
		const doc = new Y.Doc();
		expect(sub.readSelfBooking(doc)).toBe(false);
		sub.setSelfBooking(doc, server, true);
		expect(sub.readSelfBooking(doc)).toBe(true);
	});
});
