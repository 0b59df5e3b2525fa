import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor } from '../../../tests/factories/actors';
import * as sub from './subscription-doc';

const pkg: sub.PackageInput = {
	name: 'Ten sessions',
	sessionsTotal: 3,
	sessionMinutes: 50,
	priceCents: 90_000,
	currency: 'EUR',
	noShowConsumesSession: true
};

function openDoc(): Y.Doc {
	const doc = new Y.Doc();
	sub.migrate(doc);
	return doc;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) {
		throw new Error(result.message);
	}
	return result.value;
}

const at = (day: number) => Date.UTC(2026, 3, day, 10);

describe('package', () => {
	it('is null until set, then reads back every field', () => {
		const doc = openDoc();
		expect(sub.readPackage(doc)).toBeNull();
		unwrap(sub.setPackage(doc, buildActor('coach', { now: () => 77 }), pkg));
		expect(sub.readPackage(doc)).toEqual({ ...pkg, updatedAt: 77, updatedBy: 'coach' });
		expect(doc.getMap('package').toJSON()).toMatchObject(pkg);
	});

	it('refuses invalid packages as data', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		expect(sub.setPackage(doc, coach, { ...pkg, currency: 'euro' }).ok).toBe(false);
		expect(sub.setPackage(doc, coach, { ...pkg, sessionsTotal: 1.5 }).ok).toBe(false);
		expect(sub.setPackage(doc, coach, { ...pkg, priceCents: -1 }).ok).toBe(false);
		expect(sub.setPackage(doc, coach, { ...pkg, name: '' })).toMatchObject({
			error: 'invalid-input'
		});
		expect(sub.readPackage(doc)).toBeNull();
	});
});

describe('session ledger', () => {
	it('records sessions and computes usage from the package', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		unwrap(sub.setPackage(doc, coach, pkg));
		unwrap(
			sub.recordSession(doc, coach, { kind: 'video', startedAt: at(1), outcome: 'completed' })
		);
		unwrap(sub.recordSession(doc, coach, { kind: 'phone', startedAt: at(2), outcome: 'no-show' }));
		unwrap(
			sub.recordSession(doc, coach, {
				kind: 'audio',
				startedAt: at(3),
				endedAt: at(3) + 60_000,
				outcome: 'technical-failure',
				note: ' dropped '
			})
		);
		expect(sub.usage(doc)).toMatchObject({ total: 3, used: 2, remaining: 1, lastSessionAt: at(1) });
		const entry = doc.getArray('sessions').toJSON()[2];
		expect(entry).toMatchObject({
			kind: 'audio',
			outcome: 'technical-failure',
			note: 'dropped',
			recordedBy: 'coach',
			corrects: null
		});
	});

	it('a correction keeps the original in history and replaces it in the counts', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		unwrap(sub.setPackage(doc, coach, pkg));
		const id = unwrap(
			sub.recordSession(doc, coach, { kind: 'video', startedAt: at(1), outcome: 'completed' })
		);
		const fix = unwrap(
			sub.correctSession(doc, coach, { sessionId: id, outcome: 'technical-failure' })
		);
		expect(sub.listLedger(doc).map((e) => e.id)).toEqual([id, fix]);
		expect(sub.listSessions(doc)).toEqual([
			expect.objectContaining({ id: fix, corrects: id, kind: 'video', startedAt: at(1) })
		]);
		expect(sub.usage(doc)).toMatchObject({ used: 0, remaining: 3 });
		// Correcting the original again extends the chain rather than forking it.
		const again = unwrap(sub.correctSession(doc, coach, { sessionId: id, outcome: 'completed' }));
		expect(sub.listLedger(doc).find((e) => e.id === again)?.corrects).toBe(fix);
		expect(sub.usage(doc).used).toBe(1);
		expect(sub.correctSession(doc, coach, { sessionId: 'missing' })).toMatchObject({
			error: 'not-found'
		});
	});

	it('validates sessions', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		const bad = { kind: 'video', startedAt: at(2), endedAt: at(1), outcome: 'completed' } as const;
		expect(sub.recordSession(doc, coach, bad).ok).toBe(false);
		expect(
			sub.recordSession(doc, coach, { kind: 'fax' as 'video', startedAt: 1, outcome: 'completed' })
				.ok
		).toBe(false);
		expect(sub.listLedger(doc)).toEqual([]);
	});

	it('concurrent corrections on two offline devices converge to the same effective entry', () => {
		const a = openDoc();
		const coach = buildActor('coach');
		const id = unwrap(
			sub.recordSession(a, coach, { kind: 'video', startedAt: 1, outcome: 'completed' })
		);
		const b = openDoc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		unwrap(
			sub.correctSession(a, buildActor('coach', { now: () => 10, newId: () => 'y' }), {
				sessionId: id,
				outcome: 'no-show'
			})
		);
		unwrap(
			sub.correctSession(b, buildActor('coach', { now: () => 20, newId: () => 'z' }), {
				sessionId: id,
				outcome: 'technical-failure'
			})
		);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(sub.listSessions(a)).toEqual(sub.listSessions(b));
		expect(sub.listSessions(a)[0]?.outcome).toBe('technical-failure');
		expect(sub.listLedger(a)).toHaveLength(3);
	});

	it('reports change origins to subscribers', () => {
		const doc = openDoc();
		const kinds: string[] = [];
		const off = sub.onChange(doc, (change) => kinds.push(change.isLocal ? 'local' : 'other'));
		unwrap(sub.setPackage(doc, buildActor('coach'), pkg));
		off();
		expect(kinds).toEqual(['local']);
	});

	it('migrates idempotently, also on two replicas at once', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		expect(sub.migrate(a).to).toBe(sub.SCHEMA_VERSION);
		sub.migrate(b);
		unwrap(sub.setPackage(a, buildActor('coach'), pkg));
		unwrap(
			sub.recordSession(b, buildActor('coach'), {
				kind: 'video',
				startedAt: 1,
				outcome: 'completed'
			})
		);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(sub.migrate(a).from).toBe(sub.SCHEMA_VERSION);
		expect(sub.usage(a)).toEqual(sub.usage(b));
		expect(sub.usage(a)).toMatchObject({ used: 1, remaining: 2 });
	});
});

describe('bookings hold sessions in the ledger', () => {
	function booked(doc: Y.Doc, id: string, day: number) {
		unwrap(
			sub.upsertBooking(doc, buildActor('server'), {
				id,
				startsAt: at(day),
				endsAt: at(day) + 3_600_000,
				timeZone: 'UTC',
				kind: 'video',
				status: 'confirmed',
				sequence: 0
			})
		);
	}

	it('counts bookings as booked, and recording one against its booking moves it to used', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		unwrap(sub.setPackage(doc, coach, pkg));
		booked(doc, 'b1', 1);
		booked(doc, 'b2', 2);
		expect(sub.usage(doc)).toMatchObject({ used: 0, booked: 2, remaining: 1 });
		const id = unwrap(
			sub.recordSession(doc, coach, {
				kind: 'video',
				startedAt: at(1),
				outcome: 'no-show',
				bookingId: 'b1'
			})
		);
		expect(sub.listLedger(doc).find((e) => e.id === id)).toMatchObject({ bookingId: 'b1' });
		expect(sub.usage(doc)).toMatchObject({ used: 1, booked: 1, remaining: 1 });
		// The same booking twice would use two sessions for one appointment.
		expect(
			sub.recordSession(doc, coach, {
				kind: 'video',
				startedAt: at(1),
				outcome: 'completed',
				bookingId: 'b1'
			})
		).toMatchObject({ ok: false, message: expect.stringMatching(/already recorded/) });
		// A correction keeps the link.
		unwrap(sub.correctSession(doc, coach, { sessionId: id, outcome: 'technical-failure' }));
		expect(sub.usage(doc)).toMatchObject({ used: 0, booked: 1, remaining: 2 });
	});

	it('refuses a hand-recorded session beyond the package unless it is complimentary', () => {
		const doc = openDoc();
		const coach = buildActor('coach');
		unwrap(sub.setPackage(doc, coach, { ...pkg, sessionsTotal: 1 }));
		booked(doc, 'b1', 5);
		const extra = { kind: 'video', startedAt: at(2), outcome: 'completed' } as const;
		expect(sub.recordSession(doc, coach, extra)).toMatchObject({
			ok: false,
			error: 'invalid-input'
		});
		unwrap(sub.recordSession(doc, coach, { ...extra, complimentary: true }));
		expect(sub.usage(doc)).toMatchObject({ used: 0, booked: 1, remaining: 0, complimentary: 1 });
		expect(sub.listSessions(doc)[0]).toMatchObject({ complimentary: true, bookingId: null });
	});
});
