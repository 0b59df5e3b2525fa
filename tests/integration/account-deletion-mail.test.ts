import { describe, expect, it } from 'vitest';
import type { ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { mailFleet } from '../helpers/mail-fleet';
import { mailSettled } from '../helpers/mail-settled';
import type { RunningServer } from '../helpers/spawn-server';
import { password, readDb } from './memberships.helpers';
import { waitFor } from './packages.helpers';
import { allDay, practice, readable } from './scheduling.helpers';

const { sink, start, stop } = mailFleet();

interface NoticeRow {
	status: string;
	attempts: number;
	claimed_at: number | null;
	message: string;
}

/** The queued notice about the deleted account (one engagement, so one row). */
const notice = (server: RunningServer) =>
	readDb(server, (db) =>
		db
			.prepare(
				`SELECT status, attempts, claimed_at, message FROM mail_queue
				 WHERE ref LIKE 'account-deletion-notice:%'`
			)
			.get()
	) as NoticeRow | undefined;

const noticeMails = (received: ReceivedMail[]) =>
	received.filter((m) => /Subject: Clio Client deleted their Tandem account/.test(readable(m)));

describe('the account-deletion notice goes through the mail queue', () => {
	it('arrives once, and its text is cleared once sent', async () => {
		const smtp = await sink();
		const server = await start({ SMTP_URL: smtp.url });
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });

		expect((await p.client.post('/api/account/delete', { password })).status).toBe(200);

		await waitFor(() => noticeMails(smtp.received).length === 1, 10_000);
		await mailSettled(server);
		expect(noticeMails(smtp.received)).toHaveLength(1);
		expect(noticeMails(smtp.received)[0]!.to).toEqual([p.coachEmail]);
		expect(notice(server)).toMatchObject({ status: 'sent', message: '{}' });
	}, 60_000);

	it('committed but not sent when the server stops: the restarted server sends it once', async () => {
		const first = await sink();
		let server = await start({ SMTP_URL: first.url });
		const p = await practice(server, first.received, { availability: allDay('UTC') });
		// The coach's "invite accepted" email is queued too: let it through before refusing.
		await waitFor(() => first.received.some((m) => /accepted your invitation/.test(readable(m))));
		first.rejectNext(...Array.from({ length: 30 }, () => 451));

		expect((await p.client.post('/api/account/delete', { password })).status).toBe(200);
		await waitFor(
			() => (notice(server)?.attempts ?? 0) >= 1 && notice(server)?.claimed_at === null,
			10_000
		);
		await stop(server);
		expect(notice(server)).toMatchObject({ status: 'pending' });

		// The mail server is back (here: another one); the data directory is the same.
		const second = await sink();
		server = await start({ SMTP_URL: second.url }, server.dataDir);
		await waitFor(() => noticeMails(second.received).length === 1, 10_000);
		await mailSettled(server);
		expect(noticeMails(first.received)).toHaveLength(0);
		expect(noticeMails(second.received)).toHaveLength(1);
		expect(noticeMails(second.received)[0]!.to).toEqual([p.coachEmail]);
		expect(notice(server)).toMatchObject({ status: 'sent', message: '{}' });
	}, 90_000);
});
