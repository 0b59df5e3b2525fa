import ICAL from 'ical.js';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { type ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import { mailFleet } from '../helpers/mail-fleet';
import { mailSettled } from '../helpers/mail-settled';
import type { RunningServer } from '../helpers/spawn-server';
import { body, password, readDb } from './memberships.helpers';
import { waitFor } from './packages.helpers';
import { allDay, calendarPart, practice, readable } from './scheduling.helpers';

/**
 * Booking and reminder emails go through the durable mail queue: a mail server that is down
 * delays them (each arrives once when it is back), and a reminder never arrives after its
 * session began. Real server, real SQLite, real SMTP; the scheduling clock (shared by the queue)
 * moves with TANDEM_TEST_CLOCK_OFFSET_MS across restarts.
 */
const HOUR = 3_600_000;
/** Each queued try is one SmtpMailer.send, which itself tries three times. */
const refuseTries = (tries: number) => Array.from({ length: 3 * tries }, () => 451);

const fleet = mailFleet();
const { sink, stop } = fleet;
const start = (smtpUrl: string, offsetMs = 0, dataDir?: string) =>
	fleet.start({ SMTP_URL: smtpUrl, TANDEM_TEST_CLOCK_OFFSET_MS: String(offsetMs) }, dataDir);

/** An SMTP URL nobody listens on: every send fails with "connection refused". */
async function deadSmtpUrl(): Promise<string> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return `smtp://127.0.0.1:${port}`;
}

const subject = (pattern: RegExp) => (m: ReceivedMail) =>
	new RegExp(`^Subject: ${pattern.source}`, 'm').test(readable(m));
// Nothing more can arrive: the queue is drained (see mailSettled), not a fixed time passed.
const settle = (server: RunningServer) => mailSettled(server);

async function book(client: HttpClient, id: string) {
	const startsAt = Math.ceil(Date.now() / 60_000) * 60_000 + 30 * HOUR;
	const booked = await client.post(`/api/engagements/${id}/bookings`, {
		startsAt: new Date(startsAt).toISOString(),
		kind: 'video',
		timeZone: 'UTC'
	});
	expect(booked.status).toBe(201);
	return { id: (await body(booked)).booking.id as string, startsAt };
}

const queueRows = (server: RunningServer, prefix: string) =>
	readDb(server, (db) =>
		db
			.prepare(
				`SELECT ref, status, attempts, last_error AS error FROM mail_queue
				 WHERE substr(ref, 1, length(?)) = ? ORDER BY ref`
			)
			.all(prefix, prefix)
	) as { ref: string; status: string; attempts: number; error: string | null }[];

describe('booking and reminder emails through the mail queue', () => {
	it('a booking made while the mail server refuses: both confirmations arrive once, with an .ics', async () => {
		const smtp = await sink();
		const server = await start(smtp.url);
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		await waitFor(() => smtp.received.some(subject(/.*accepted your invitation/)), 10_000);
		smtp.rejectNext(...refuseTries(3)); // both emails' first try, one of them twice
		const booking = await book(p.coach, p.engagementId);
		await waitFor(() => queueRows(server, `booking:${booking.id}:`).length === 2);
		expect(smtp.received.filter(subject(/Session booked/))).toHaveLength(0);

		await waitFor(() => smtp.received.filter(subject(/Session booked/)).length === 2, 15_000);
		await settle(server);
		const confirmations = smtp.received.filter(subject(/Session booked/));
		expect(confirmations.map((m) => m.to[0]).sort()).toEqual([p.clientEmail, p.coachEmail].sort());
		for (const mail of confirmations) {
			const calendar = new ICAL.Component(ICAL.parse(calendarPart(mail.raw)));
			expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
			const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
			expect(event.uid).toBe(`booking-${booking.id}@tandem`);
			expect(event.startDate.toJSDate().getTime()).toBe(booking.startsAt);
		}
		const rows = queueRows(server, `booking:${booking.id}:`);
		expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
		expect(rows.map((r) => r.attempts).sort()).toEqual([2, 3]);
	}, 60_000);

	it('a 24 h reminder whose send fails is retried and arrives once per side', async () => {
		const smtp = await sink();
		let server = await start(smtp.url);
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		const booking = await book(p.coach, p.engagementId);
		await waitFor(() => smtp.received.filter(subject(/Session booked/)).length === 2, 10_000);
		await stop(server);

		// 23.5 h before the session: the reminder is due on start, the mail server refuses.
		smtp.rejectNext(...refuseTries(2));
		server = await start(smtp.url, 6.5 * HOUR, server.dataDir);
		await waitFor(() => smtp.received.filter(subject(/Reminder:/)).length === 2, 15_000);
		await settle(server);
		const reminders = smtp.received.filter(subject(/Reminder:.*tomorrow/));
		expect(reminders.map((m) => m.to[0]).sort()).toEqual([p.clientEmail, p.coachEmail].sort());
		const rows = queueRows(server, `reminder:${booking.id}:`);
		expect(rows.map((r) => [r.status, r.attempts])).toEqual([
			['sent', 2],
			['sent', 2]
		]);
	}, 60_000);

	it('a reminder queued but not sent before the session starts never arrives', async () => {
		const smtp = await sink();
		let server = await start(smtp.url);
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		const booking = await book(p.coach, p.engagementId);
		await waitFor(() => smtp.received.filter(subject(/Session booked/)).length === 2, 10_000);
		await stop(server);

		// Half an hour before: the reminders are queued, but the mail server is gone.
		server = await start(await deadSmtpUrl(), 29.5 * HOUR, server.dataDir);
		await waitFor(() => queueRows(server, `reminder:${booking.id}:`).some((r) => r.attempts > 0));
		await stop(server);
		expect(queueRows(server, `reminder:${booking.id}:`).every((r) => r.status === 'pending')).toBe(
			true
		);

		// The mail server is back, but the session began a minute ago.
		server = await start(smtp.url, 30 * HOUR + 60_000, server.dataDir);
		await waitFor(() =>
			queueRows(server, `reminder:${booking.id}:`).every((r) => r.status !== 'pending')
		);
		await settle(server);
		expect(smtp.received.filter(subject(/Reminder:/))).toEqual([]);
		const rows = queueRows(server, `reminder:${booking.id}:`);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.map((r) => [r.status, r.error])).toEqual(rows.map(() => ['failed', 'expired']));
	}, 60_000);

	it('a cancellation while the mail server refuses arrives later; a queued reminder is withdrawn', async () => {
		const smtp = await sink();
		let server = await start(smtp.url);
		const p = await practice(server, smtp.received, { availability: allDay('UTC') });
		const booking = await book(p.coach, p.engagementId);
		await waitFor(() => smtp.received.filter(subject(/Session booked/)).length === 2, 10_000);
		await stop(server);

		server = await start(await deadSmtpUrl(), 6.5 * HOUR, server.dataDir);
		await waitFor(() => queueRows(server, `reminder:${booking.id}:`).some((r) => r.attempts > 0));
		const coach = await signInAgain(server, p.coachEmail);
		expect((await coach.post(`/api/bookings/${booking.id}/cancel`, {})).status).toBe(200);
		await waitFor(() => queueRows(server, `booking:${booking.id}:`).length === 4);
		await stop(server);

		server = await start(smtp.url, 6.5 * HOUR + 60_000, server.dataDir);
		await waitFor(() => smtp.received.filter(subject(/Session cancelled/)).length === 2, 15_000);
		await settle(server);
		expect(smtp.received.filter(subject(/Reminder:/))).toEqual([]);
		const cancelled = smtp.received.filter(subject(/Session cancelled/));
		for (const mail of cancelled) {
			expect(calendarPart(mail.raw)).toContain('METHOD:CANCEL');
		}
		const reminders = queueRows(server, `reminder:${booking.id}:`);
		expect(reminders.map((r) => [r.status, r.error])).toEqual([
			['failed', 'booking cancelled'],
			['failed', 'booking cancelled']
		]);
	}, 60_000);
});

async function signInAgain(server: RunningServer, email: string) {
	const client = new HttpClient(server.url);
	expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
	return client;
}
