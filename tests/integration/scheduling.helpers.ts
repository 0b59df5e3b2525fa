import { expect } from 'vitest';
import {
	decodeQuotedPrintable,
	inviteLinkIn,
	type ReceivedMail
} from '../../src/lib/server/mail/smtp-sink.testing';
import { HttpClient } from '../helpers/http-client';
import type { RunningServer } from '../helpers/spawn-server';
import { waitForMail } from '../helpers/wait-for-mail';
import { body, password, signupCoach, uniqueEmail, type Json } from './memberships.helpers';

/** Shared by the issue-8 scheduling integration tests. */

export { waitForMail };

export const allDay = (timeZone: string, extra: Json = {}) => {
	const day = [{ start: '00:00', end: '24:00' }];
	return {
		timeZone,
		weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
		bufferMinutes: 0,
		minNoticeMinutes: 60,
		maxDaysAhead: 365,
		cancelNoticeHours: 24,
		overrides: [],
		...extra
	};
};

/** Headers unfolded and quoted-printable undone, so subjects and texts can be searched. */
export const readable = (mail: ReceivedMail) =>
	decodeQuotedPrintable(mail.raw.replace(/\r\n[ \t]/g, ' '));

/** The text/calendar attachment of a raw MIME message, decoded. */
export function calendarPart(raw: string): string {
	const parts = raw.split(/\r\n--[^\r\n]+\r\n/);
	const part = parts.find((p) =>
		/content-type:\s*text\/calendar/i.test(p.split('\r\n\r\n')[0] ?? '')
	);
	if (!part) {
		throw new Error('no text/calendar part');
	}
	const split = part.indexOf('\r\n\r\n');
	const headers = part.slice(0, split);
	const content = part.slice(split + 4).replace(/\r\n--[^\r\n]*--\r\n?$/, '');
	if (/content-transfer-encoding:\s*base64/i.test(headers)) {
		return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
	}
	return /quoted-printable/i.test(headers) ? decodeQuotedPrintable(content) : content;
}

/**
 * A coach with availability and a package, and a client who accepted the invitation with it,
 * both signed in.
 */
export async function practice(
	server: RunningServer,
	received: ReceivedMail[],
	options: { availability: Json; selfBooking?: boolean; sessionsTotal?: number }
) {
	const coach = await signupCoach(server, 'Coach Cora', received);
	const pkg = await coach.client.post('/api/packages', {
		name: 'Package',
		sessionsTotal: options.sessionsTotal ?? 10,
		sessionMinutes: 60,
		priceCents: 0,
		currency: 'EUR',
		noShowConsumesSession: true,
		selfBooking: options.selfBooking ?? true
	});
	expect(pkg.status).toBe(201);
	const packageId = (await body(pkg)).package.id as string;
	const saved = await coach.client.request('PUT', '/api/availability', options.availability);
	expect(saved.status).toBe(200);
	const email = uniqueEmail('client');
	const invited = await coach.client.post('/api/invites', {
		name: 'Clio Client',
		email,
		packageId
	});
	expect(invited.status).toBe(201);
	const [invitation] = await waitForMail(received, (m) => m.to.includes(email));
	const token = inviteLinkIn(invitation!.raw).split('/invite/')[1]!;
	const client = new HttpClient(server.url);
	const accepted = await client.post(`/api/invites/${token}/accept`, { password });
	expect(accepted.status).toBe(201);
	return {
		coach: coach.client,
		coachEmail: coach.email as string,
		client,
		clientEmail: email,
		engagementId: (await body(accepted)).engagementId as string
	};
}

/**
 * The coach books a video session `hoursAhead` from now (on a whole minute) and both "Session
 * booked" emails arrive; reminder tests then move the clock towards `startsAt`.
 */
export async function bookAhead(
	p: Awaited<ReturnType<typeof practice>>,
	received: ReceivedMail[],
	hoursAhead: number
): Promise<{ bookingId: string; startsAt: number }> {
	const startsAt = Math.ceil(Date.now() / 60_000) * 60_000 + hoursAhead * 3_600_000;
	const booked = await p.coach.post(`/api/engagements/${p.engagementId}/bookings`, {
		startsAt: new Date(startsAt).toISOString(),
		kind: 'video',
		timeZone: 'UTC'
	});
	expect(booked.status).toBe(201);
	const bookingId = (await body(booked)).booking.id as string;
	await waitForMail(received, (m) => /Session booked/.test(readable(m)), 2);
	return { bookingId, startsAt };
}
