import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { mailedServer } from '../helpers/mailed-server';
import { occurrences, waitFor } from './data-import.helpers';
import { body, password, readDb } from './memberships.helpers';
import { allDay, calendarPart, practice, readable, waitForMail } from './scheduling.helpers';

const HOUR = 3_600_000;

type Practice = Awaited<ReturnType<typeof practice>>;

/**
 * Deleting an account cancels its future sessions the way ending an engagement does: both
 * sides get a METHOD:CANCEL .ics for each, queued in the transaction that deletes the rows.
 */
describe('deleting an account cancels its future bookings', () => {
	const live = mailedServer();

	const booked = (m: ReceivedMail) => /Subject: Session booked:/.test(readable(m));
	const cancelled = (m: ReceivedMail) => /Subject: Session cancelled:/.test(readable(m));

	/** The coach books one video session per entry of `hoursAhead`; all confirmations arrive. */
	async function book(p: Practice, hoursAhead: number[]): Promise<string[]> {
		const before = live.sink.received.filter(booked).length;
		const ids: string[] = [];
		for (const hours of hoursAhead) {
			const startsAt = Math.ceil(Date.now() / 60_000) * 60_000 + hours * HOUR;
			const response = await p.coach.post(`/api/engagements/${p.engagementId}/bookings`, {
				startsAt: new Date(startsAt).toISOString(),
				kind: 'video',
				timeZone: 'UTC'
			});
			expect(response.status).toBe(201);
			ids.push((await body(response)).booking.id as string);
		}
		await waitForMail(live.sink.received, booked, before + 2 * hoursAhead.length);
		return ids;
	}

	/** The cancellations `to` received, one per booking: METHOD:CANCEL, the booking's UID, SEQUENCE 1. */
	async function expectCancels(to: string, bookingIds: string[]): Promise<void> {
		const mine = (m: ReceivedMail) => cancelled(m) && m.to.includes(to);
		const mails = await waitForMail(live.sink.received, mine, bookingIds.length, 15_000);
		const events = mails.map((mail) => {
			const calendar = new ICAL.Component(ICAL.parse(calendarPart(mail.raw)));
			expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
			const vevent = calendar.getFirstSubcomponent('vevent')!;
			expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
			const event = new ICAL.Event(vevent);
			return { uid: event.uid, sequence: event.sequence };
		});
		expect(events.sort((a, b) => a.uid.localeCompare(b.uid))).toEqual(
			bookingIds
				.map((id) => ({ uid: `booking-${id}@tandem`, sequence: 1 }))
				.sort((a, b) => a.uid.localeCompare(b.uid))
		);
	}

	const queueSettled = () =>
		readDb(
			live.server,
			(db) =>
				db
					.prepare(
						`SELECT COUNT(*) AS n FROM mail_queue
						 WHERE ref LIKE 'account-deleted:%' AND status = 'pending'`
					)
					.get() as { n: number }
		).n === 0;

	it("a client's deletion: the coach and the client get a CANCEL for each future session, then nothing of the client is left", async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay('UTC') });
		const ids = await book(p, [30, 54]);
		const clientId = (await body(await p.client.get('/api/me'))).user.id as string;

		expect((await p.client.post('/api/account/delete', { password })).status).toBe(200);

		await expectCancels(p.coachEmail, ids);
		await expectCancels(p.clientEmail, ids);
		expect(live.sink.received.filter(cancelled)).toHaveLength(4);
		const rows = readDb(live.server, (db) =>
			db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE engagement_id = ?').get(p.engagementId)
		);
		expect(rows).toEqual({ n: 0 });
		// Once those emails settle their text is cleared and the WAL truncated: the person is gone.
		await waitFor(queueSettled, 'the cancellations to settle');
		await waitFor(
			() => occurrences(live.server.dataDir, [p.clientEmail, clientId]).length === 0,
			'no byte of the client in DATA_DIR'
		);
	}, 90_000);

	it("a coach's deletion: their client and the coach get a CANCEL for each future session", async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay('UTC') });
		const ids = await book(p, [40]);

		expect((await p.coach.post('/api/account/delete', { password })).status).toBe(200);

		await expectCancels(p.clientEmail, ids);
		await expectCancels(p.coachEmail, ids);
		await waitFor(queueSettled, 'the cancellations to settle');
		// The client's account stays, without the engagement or its sessions.
		expect((await body(await p.client.get('/api/engagements'))).engagements).toEqual([]);
		const left = readDb(live.server, (db) =>
			db.prepare("SELECT status FROM mail_queue WHERE ref LIKE 'account-deleted:%'").all()
		);
		expect(left).toContainEqual({ status: 'sent' });
	}, 90_000);
});
