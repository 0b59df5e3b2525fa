import { describe, expect, it } from 'vitest';
import * as sub from '../../src/lib/docs/subscription-doc';
import { type ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
import { mailSettled } from '../helpers/mail-settled';
import { body, password, readDb } from './memberships.helpers';
import { openSynced, waitFor } from './packages.helpers';
import {
	allDay,
	bookAhead,
	calendarPart,
	practice,
	readable,
	waitForMail
} from './scheduling.helpers';

const HOUR = 3_600_000;

describe('ending an engagement cancels its future bookings', () => {
	const live = mailedServer({ startServer: false });

	const cancellations = (m: ReceivedMail) => /Subject: Session cancelled:/.test(readable(m));
	const reminders = (m: ReceivedMail) => /Subject: Reminder:/.test(readable(m));

	it('the booking is cancelled in the API and in sub:, both sides get a CANCEL, no reminder fires', async () => {
		const p = await practice(await live.start(), live.sink.received, {
			availability: allDay('UTC')
		});
		const { bookingId, startsAt } = await bookAhead(p, live.sink.received, 30);

		expect((await p.coach.post(`/api/engagements/${p.engagementId}/end`, {})).status).toBe(200);
		// The API says cancelled as soon as the end request has answered.
		const range = `from=${new Date(Date.now()).toISOString()}&to=${new Date(startsAt + 2 * HOUR).toISOString()}`;
		const listed = await body(await p.coach.get(`/api/bookings?${range}`));
		expect(listed.bookings).toEqual([
			expect.objectContaining({ id: bookingId, status: 'cancelled', sequence: 1 })
		]);

		// The coach's sub: document shows it cancelled too.
		const replica = await openSynced(live.server, `sub:${p.engagementId}`, p.coach);
		try {
			await waitFor(() => sub.listBookings(replica.doc)[0]?.status === 'cancelled');
			expect(sub.listBookings(replica.doc)).toEqual([
				expect.objectContaining({ id: bookingId, status: 'cancelled', sequence: 1 })
			]);
		} finally {
			replica.destroy();
		}

		// Both sides' calendars are told: METHOD:CANCEL with the next SEQUENCE.
		const cancelled = await waitForMail(live.sink.received, cancellations, 2);
		expect(cancelled.flatMap((m) => m.to).sort()).toEqual([p.clientEmail, p.coachEmail].sort());
		for (const mail of cancelled) {
			const ics = calendarPart(mail.raw);
			expect(ics).toContain('METHOD:CANCEL');
			expect(ics).toMatch(/SEQUENCE:1/);
		}

		// Half an hour before the session would have started (both reminder times passed).
		await live.start({
			dataDir: live.server.dataDir,
			env: { TANDEM_TEST_CLOCK_OFFSET_MS: String(29.5 * HOUR) }
		});
		await mailSettled(live.server);
		expect(live.sink.received.filter(reminders)).toEqual([]);
		const rows = readDb(live.server, (db) =>
			db.prepare('SELECT COUNT(*) AS n FROM booking_reminders WHERE booking_id = ?').get(bookingId)
		);
		expect(rows).toEqual({ n: 0 });
		// The coach still sees the cancelled session in the history after the restart.
		const coach = new HttpClient(live.server.url);
		expect((await coach.post('/api/auth/login', { email: p.coachEmail, password })).status).toBe(
			200
		);
		const after = await body(await coach.get(`/api/bookings?${range}`));
		expect(after.bookings).toEqual([
			expect.objectContaining({ id: bookingId, status: 'cancelled' })
		]);
	}, 90_000);
});
