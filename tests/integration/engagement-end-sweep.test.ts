import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as sub from '../../src/lib/docs/subscription-doc';
import { type ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
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
/** Polling bound for mail that follows a (re)start on a loaded machine; met in ~1 s when idle. */
const AFTER_START_MS = 20_000;

/**
 * The crash window of ending an engagement: MembershipService.end() commits the `ended` row
 * (and revokes open invites), then its onEnded listener cancels the future bookings in later
 * commits. The server is killed (-9) and the database is left exactly as end() leaves it before
 * the listener runs; the next start must finish the cancellation, with its emails, once.
 */
function endAsIfCrashed(dataDir: string, engagementId: string): void {
	const db = new Database(path.join(dataDir, 'tandem.sqlite'));
	try {
		// The two statements end() runs itself (EngagementStore.end, InviteStore.revokeOpenFor).
		const ended = db
			.prepare(
				`UPDATE engagements SET status = 'ended', ended_at = ? WHERE id = ? AND status != 'ended'`
			)
			.run(Date.now(), engagementId);
		expect(ended.changes).toBe(1);
		db.prepare(
			`UPDATE invites SET status = 'revoked' WHERE engagement_id = ? AND status = 'pending'`
		).run(engagementId);
	} finally {
		db.close();
	}
}

describe('an engagement end interrupted by a crash is finished at the next start', () => {
	const live = mailedServer({ startServer: false });

	const cancellationTo = (email: string) => (m: ReceivedMail) =>
		m.to.includes(email) && /Subject: Session cancelled:/.test(readable(m));
	const reminderTo = (email: string) => (m: ReceivedMail) =>
		m.to.includes(email) && /Subject: Reminder:/.test(readable(m));
	/** The refs in the server's durable mail queue matching a LIKE pattern. */
	const queued = (pattern: string) =>
		readDb(live.server, (db) =>
			db.prepare('SELECT ref FROM mail_queue WHERE ref LIKE ? ORDER BY ref').all(pattern)
		);

	/** Two practices on one server: `ending` is ended by the "crash", `control` stays active. */
	async function twoPractices() {
		const { dataDir } = await live.start();
		const ending = await practice(live.server, live.sink.received, {
			availability: allDay('UTC')
		});
		const booked = await bookAhead(ending, live.sink.received, 30);
		const control = await practice(live.server, live.sink.received, {
			availability: allDay('UTC')
		});
		const controlBooked = await bookAhead(control, live.sink.received, 30);
		await live.server.kill();
		endAsIfCrashed(dataDir, ending.engagementId);
		return { dataDir, ending, control, ...booked, controlBookingId: controlBooked.bookingId };
	}

	it('both sides get the cancellation once, the API and sub: say cancelled, no reminder follows', async () => {
		const { dataDir, ending, control, bookingId, startsAt } = await twoPractices();
		await live.start({ dataDir });

		const [toCoach] = await waitForMail(
			live.sink.received,
			cancellationTo(ending.coachEmail),
			1,
			AFTER_START_MS
		);
		const [toClient] = await waitForMail(
			live.sink.received,
			cancellationTo(ending.clientEmail),
			1,
			AFTER_START_MS
		);
		for (const mail of [toCoach!, toClient!]) {
			const ics = calendarPart(mail.raw);
			expect(ics).toContain('METHOD:CANCEL');
			expect(ics).toMatch(/SEQUENCE:1/);
		}
		const coach = new HttpClient(live.server.url);
		expect(
			(await coach.post('/api/auth/login', { email: ending.coachEmail, password })).status
		).toBe(200);
		const range = `from=${new Date(Date.now()).toISOString()}&to=${new Date(startsAt + 2 * HOUR).toISOString()}`;
		const listed = await body(await coach.get(`/api/bookings?${range}`));
		expect(listed.bookings).toEqual([
			expect.objectContaining({ id: bookingId, status: 'cancelled', sequence: 1 })
		]);
		const replica = await openSynced(live.server, `sub:${ending.engagementId}`, coach);
		try {
			await waitFor(() => sub.listBookings(replica.doc)[0]?.status === 'cancelled', 15_000);
			expect(sub.listBookings(replica.doc)).toEqual([
				expect.objectContaining({ id: bookingId, status: 'cancelled', sequence: 1 })
			]);
		} finally {
			replica.destroy();
		}

		// Another start 23.5 h before the session: the sweep runs again and must add nothing. The
		// active engagement's 24 h reminders arriving show that this start's pass has run.
		await live.start({ dataDir, env: { TANDEM_TEST_CLOCK_OFFSET_MS: String(6.5 * HOUR) } });
		await waitForMail(live.sink.received, reminderTo(control.coachEmail), 1, AFTER_START_MS);
		await waitForMail(live.sink.received, reminderTo(control.clientEmail), 1, AFTER_START_MS);
		expect(queued(`booking:${bookingId}:%:cancelled:%`)).toHaveLength(2);
		expect(queued(`reminder:${bookingId}:%`)).toEqual([]);
		const received = live.sink.received;
		expect(received.filter(cancellationTo(ending.coachEmail))).toHaveLength(1);
		expect(received.filter(cancellationTo(ending.clientEmail))).toHaveLength(1);
		expect(received.filter(reminderTo(ending.coachEmail))).toEqual([]);
		expect(received.filter(reminderTo(ending.clientEmail))).toEqual([]);
		const notices = readDb(live.server, (db) =>
			db
				.prepare(
					`SELECT COUNT(*) AS n FROM notifications
					 WHERE engagement_id = ? AND kind = 'booking-cancelled'`
				)
				.get(ending.engagementId)
		);
		expect(notices).toEqual({ n: 1 });
	}, 120_000);

	it('a session whose reminder is due when the server comes back is cancelled, not reminded of', async () => {
		const { dataDir, ending, control, bookingId, controlBookingId } = await twoPractices();
		// The first start after the crash is 23.5 h before both sessions: both 24 h reminders are due.
		await live.start({ dataDir, env: { TANDEM_TEST_CLOCK_OFFSET_MS: String(6.5 * HOUR) } });

		await waitForMail(live.sink.received, cancellationTo(ending.coachEmail), 1, AFTER_START_MS);
		await waitForMail(live.sink.received, cancellationTo(ending.clientEmail), 1, AFTER_START_MS);
		// The same pass reminds the active engagement's session: once those are here, it is over.
		await waitForMail(live.sink.received, reminderTo(control.coachEmail), 1, AFTER_START_MS);
		await waitForMail(live.sink.received, reminderTo(control.clientEmail), 1, AFTER_START_MS);
		expect(queued(`reminder:${controlBookingId}:%`)).toHaveLength(2);
		expect(queued(`reminder:${bookingId}:%`)).toEqual([]);
		expect(live.sink.received.filter(reminderTo(ending.coachEmail))).toEqual([]);
		expect(live.sink.received.filter(reminderTo(ending.clientEmail))).toEqual([]);
		const state = readDb(live.server, (db) => ({
			booking: db.prepare('SELECT status, sequence FROM bookings WHERE id = ?').get(bookingId),
			reminders: db
				.prepare('SELECT COUNT(*) AS n FROM booking_reminders WHERE booking_id = ?')
				.get(bookingId),
			inApp: db
				.prepare(
					`SELECT COUNT(*) AS n FROM notifications
					 WHERE engagement_id = ? AND kind = 'booking-reminder'`
				)
				.get(ending.engagementId)
		}));
		expect(state).toEqual({
			booking: { status: 'cancelled', sequence: 1 },
			reminders: { n: 0 },
			inApp: { n: 0 }
		});
	}, 120_000);
});
