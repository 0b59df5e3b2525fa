import { describe, expect, it } from 'vitest';
import { type ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { mailedServer } from '../helpers/mailed-server';
import { mailSettled } from '../helpers/mail-settled';
import { readDb } from './memberships.helpers';
import { allDay, bookAhead, practice, readable, waitForMail } from './scheduling.helpers';

const HOUR = 3_600_000;

/**
 * Reminders are rows in SQLite, claimed in a transaction before they are sent. A real server is
 * restarted on the same data directory with its scheduling clock moved forward
 * (TANDEM_TEST_CLOCK_OFFSET_MS, honoured only when set), so a day passes without waiting a day.
 */
describe('booking reminders across restarts', () => {
	const live = mailedServer({ startServer: false });

	const restart = (dataDir: string, offsetMs: number) =>
		live.start({ dataDir, env: { TANDEM_TEST_CLOCK_OFFSET_MS: String(offsetMs) } });

	const reminders = (lead: RegExp) => (m: ReceivedMail) =>
		/Subject: Reminder:/.test(readable(m)) && lead.test(readable(m));

	it('each reminder email arrives exactly once, even when the server restarts', async () => {
		const { dataDir } = await live.start();
		const p = await practice(live.server, live.sink.received, { availability: allDay('UTC') });
		const { bookingId } = await bookAhead(p, live.sink.received, 30);

		// 23.5 h before the session: the 24 h reminder is due, caught up on start.
		await restart(dataDir, 6.5 * HOUR);
		await waitForMail(live.sink.received, reminders(/tomorrow/), 2);
		// Restarting again at the same moment sends nothing more.
		await restart(dataDir, 6.5 * HOUR);
		await mailSettled(live.server);
		expect(live.sink.received.filter(reminders(/tomorrow/))).toHaveLength(2);

		// Half an hour before: the 1 h reminder, once.
		await restart(dataDir, 29.5 * HOUR);
		await waitForMail(live.sink.received, reminders(/in one hour/), 2);
		await restart(dataDir, 29.5 * HOUR);
		await mailSettled(live.server);

		const sent = live.sink.received.filter(reminders(/./));
		expect(sent).toHaveLength(4);
		expect(sent.map((m) => m.to[0]).sort()).toEqual(
			[p.clientEmail, p.clientEmail, p.coachEmail, p.coachEmail].sort()
		);
		const rows = readDb(live.server, (db) =>
			db
				.prepare('SELECT lead, outcome FROM booking_reminders WHERE booking_id = ? ORDER BY lead')
				.all(bookingId)
		);
		expect(rows).toEqual([
			{ lead: '1h', outcome: 'sent' },
			{ lead: '24h', outcome: 'sent' }
		]);
		const inApp = readDb(live.server, (db) =>
			db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'booking-reminder'").get()
		);
		expect(inApp).toEqual({ n: 4 });
	}, 120_000);
});
