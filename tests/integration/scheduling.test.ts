import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import * as sub from '../../src/lib/docs/subscription-doc';
import { mailedServer } from '../helpers/mailed-server';
import { body, readDb, type Json } from './memberships.helpers';
import { openSynced, waitFor } from './packages.helpers';
import { allDay, calendarPart, practice, readable, waitForMail } from './scheduling.helpers';

const HCM = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';

const wall = (iso: string, zone: string) =>
	Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDateTime().toString().slice(0, 16);

function parseCalendar(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	return { calendar, events };
}

describe('scheduling API', () => {
	const live = mailedServer();

	it('the booking race: many concurrent requests for one slot, exactly one wins', async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay('UTC') });
		const slots = await body(await p.client.get(`/api/engagements/${p.engagementId}/slots?days=3`));
		expect(slots).toMatchObject({ timeZone: 'UTC', sessionMinutes: 60, canBook: true });
		const startsAt = slots.slots[5].startsAt as string;
		const attempt = (who: typeof p.coach) =>
			who.post(`/api/engagements/${p.engagementId}/bookings`, {
				startsAt,
				kind: 'video',
				timeZone: BERLIN
			});
		const responses = await Promise.all(
			Array.from({ length: 10 }, (_, i) => attempt(i % 2 ? p.coach : p.client))
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses).toEqual([201, ...Array(9).fill(409)]);
		for (const lost of responses.filter((r) => r.status === 409)) {
			expect(await body(lost)).toMatchObject({
				code: 'slot-taken',
				error: 'This time was just taken.'
			});
		}
		const rows = readDb(live.server, (db) =>
			db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE engagement_id = ?').get(p.engagementId)
		) as { n: number };
		expect(rows.n).toBe(1);
		// Both sides see it in their sub: document (the client over a read-only connection).
		const replica = await openSynced(live.server, `sub:${p.engagementId}`, p.client);
		await waitFor(() => sub.listBookings(replica.doc).length === 1);
		expect(sub.listBookings(replica.doc)[0]).toMatchObject({
			startsAt: Date.parse(startsAt),
			status: 'confirmed'
		});
		replica.destroy();
	});

	it('a coach in Ho Chi Minh City and a client in Berlin see consistent times across a DST change', async () => {
		const p = await practice(live.server, live.sink.received, {
			availability: allDay(HCM, {
				weekly: { ...allDay(HCM).weekly, ...dailyHours('15:00', '17:00') }
			})
		});
		// The next time Berlin's clocks change, whenever this test runs.
		const change = Temporal.Now.zonedDateTimeISO(BERLIN).getTimeZoneTransition('next')!;
		const from = change.toPlainDate().subtract({ days: 2 }).toString();
		const query = `/api/engagements/${p.engagementId}/slots?from=${from}&days=4&timeZone=${BERLIN}`;
		const forClient = await body(await p.client.get(query));
		const forCoach = await body(await p.coach.get(query));
		expect(forClient.slots).toEqual(forCoach.slots);
		expect(forClient.timeZone).toBe(HCM);
		const starts = (forClient.slots as { startsAt: string }[]).map((s) => s.startsAt);
		expect(starts).toHaveLength(8);
		expect(new Set(starts.map((s) => wall(s, HCM).slice(11)))).toEqual(new Set(['15:00', '16:00']));
		const berlinHours = starts.map((s) => wall(s, BERLIN).slice(11));
		const before = berlinHours.slice(0, 4);
		const after = berlinHours.slice(4);
		// The same coach hours read one hour apart in Berlin on either side of the change.
		expect(new Set(before).size).toBe(2);
		expect(new Set(after).size).toBe(2);
		expect(before[0]).not.toBe(after[0]);

		const chosen = starts[5]!;
		const booked = await p.client.post(`/api/engagements/${p.engagementId}/bookings`, {
			startsAt: chosen,
			kind: 'phone',
			timeZone: BERLIN
		});
		expect(booked.status).toBe(201);
		const booking = (await body(booked)).booking as Json;
		expect(booking).toMatchObject({
			startsAt: chosen,
			timeZone: BERLIN,
			kind: 'phone',
			sequence: 0
		});
		const range = `?from=${new Date(Date.parse(chosen) - 1).toISOString()}&to=${new Date(Date.parse(chosen) + 1).toISOString()}`;
		const coachList = await body(await p.coach.get(`/api/bookings${range}`));
		const clientList = await body(await p.client.get(`/api/bookings${range}`));
		expect(coachList.bookings).toEqual([booking]);
		expect(clientList.bookings).toEqual([booking]);
		// Each confirmation names the time in its reader's zone.
		const [toClient] = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.clientEmail) && /Session booked/.test(readable(m))
		);
		const [toCoach] = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.coachEmail) && /Session booked/.test(readable(m))
		);
		expect(readable(toClient!)).toContain(`${wall(chosen, BERLIN).slice(11)} (${BERLIN})`);
		expect(readable(toCoach!)).toContain(`${wall(chosen, HCM).slice(11)} (${HCM})`);
	});

	it('emails carry an .ics and the private feed parses; a reschedule updates in place', async () => {
		const p = await practice(live.server, live.sink.received, {
			availability: allDay('UTC', { cancelNoticeHours: 0 })
		});
		const slots = await body(await p.client.get(`/api/engagements/${p.engagementId}/slots?days=3`));
		const booked = await p.client.post(`/api/engagements/${p.engagementId}/bookings`, {
			startsAt: slots.slots[3].startsAt,
			kind: 'video',
			timeZone: 'UTC'
		});
		const booking = (await body(booked)).booking as Json;
		const first = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.clientEmail) && /Session booked/.test(readable(m))
		);
		const request = parseCalendar(calendarPart(first[0]!.raw));
		expect(request.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		const uid = request.events[0]!.uid;
		expect(request.events[0]!.sequence).toBe(0);
		expect(request.events[0]!.startDate.toJSDate().toISOString()).toBe(booking.startsAt);

		const feed = await body(await p.client.get('/api/calendar-feed'));
		expect(feed).toMatchObject({
			active: true,
			url: expect.stringMatching(/\/calendar\/[a-z2-7]+\.ics$/)
		});
		// Asking again shows the same link (the server can unseal it; lookups go by its hash).
		expect(await body(await p.client.get('/api/calendar-feed'))).toEqual(feed);
		const stored = readDb(live.server, (db) =>
			db.prepare('SELECT token_hash, token_sealed FROM calendar_feeds').all()
		) as { token_hash: Buffer; token_sealed: Buffer }[];
		const token = /\/calendar\/([a-z2-7]+)\.ics$/.exec(feed.url as string)![1]!;
		for (const row of stored) {
			expect(row.token_hash.toString('latin1')).not.toContain(token);
			expect(row.token_sealed.toString('latin1')).not.toContain(token);
		}
		const fetchFeed = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, live.server.url));
		const feedResponse = await fetchFeed(feed.url);
		expect(feedResponse.headers.get('content-type')).toContain('text/calendar');
		const inFeed = parseCalendar(await feedResponse.text());
		expect(inFeed.calendar.getFirstPropertyValue('method')).toBeNull();
		expect(inFeed.events.map((e) => [e.uid, e.sequence])).toEqual([[uid, 0]]);

		const moved = await p.client.post(`/api/bookings/${booking.id}/reschedule`, {
			startsAt: slots.slots[6].startsAt
		});
		expect(moved.status).toBe(200);
		expect((await body(moved)).booking).toMatchObject({
			sequence: 1,
			startsAt: slots.slots[6].startsAt
		});
		const change = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.clientEmail) && /Session moved/.test(readable(m))
		);
		// The email names both times: which diary entry moved, and where to.
		const hm = (iso: string) => new Date(iso).toISOString().slice(11, 16);
		const movedText = readable(change[0]!).replace(/\s+/g, ' ');
		expect(movedText).toMatch(
			new RegExp(
				`is moved from [^.]*${hm(slots.slots[3].startsAt)} \\(UTC\\) to [^.]*${hm(slots.slots[6].startsAt)} \\(UTC\\)\\.`
			)
		);
		const update = parseCalendar(calendarPart(change[0]!.raw)).events[0]!;
		expect([update.uid, update.sequence]).toEqual([uid, 1]);
		expect(update.startDate.toJSDate().toISOString()).toBe(slots.slots[6].startsAt);
		const refreshed = parseCalendar(await (await fetchFeed(feed.url)).text()).events;
		expect(refreshed.map((e) => [e.uid, e.sequence])).toEqual([[uid, 1]]);

		const cancelled = await p.coach.post(`/api/bookings/${booking.id}/cancel`, { reason: 'ill' });
		expect(cancelled.status).toBe(200);
		const cancelMail = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.clientEmail) && /Session cancelled/.test(readable(m))
		);
		const cancel = parseCalendar(calendarPart(cancelMail[0]!.raw));
		expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect([cancel.events[0]!.uid, cancel.events[0]!.sequence]).toEqual([uid, 2]);

		const rotated = await body(await p.client.post('/api/calendar-feed/rotate'));
		expect(rotated.url).not.toBe(feed.url);
		expect((await fetchFeed(feed.url)).status).toBe(404);
		expect((await fetchFeed(rotated.url)).status).toBe(200);
		expect(await body(await p.client.get('/api/calendar-feed'))).toEqual(rotated);
		expect((await p.client.request('DELETE', '/api/calendar-feed')).status).toBe(204);
		expect((await fetchFeed(rotated.url)).status).toBe(404);
	});

	it('refuses clients without self-booking, foreign engagements and signed-out callers', async () => {
		const p = await practice(live.server, live.sink.received, {
			availability: allDay('UTC'),
			selfBooking: false
		});
		const slots = await body(await p.client.get(`/api/engagements/${p.engagementId}/slots?days=2`));
		expect(slots).toMatchObject({
			canBook: false,
			reason: expect.stringContaining('ask your coach')
		});
		const attempt = await p.client.post(`/api/engagements/${p.engagementId}/bookings`, {
			startsAt: slots.slots[2].startsAt,
			kind: 'audio',
			timeZone: 'UTC'
		});
		expect(attempt.status).toBe(403);
		expect(await body(attempt)).toMatchObject({ code: 'self-booking-off' });
		const other = await practice(live.server, live.sink.received, { availability: allDay('UTC') });
		expect((await other.coach.get(`/api/engagements/${p.engagementId}/slots`)).status).toBe(404);
		expect((await other.client.get('/api/availability')).status).toBe(403);
		const anonymous = await fetch(`${live.server.url}/api/bookings`);
		expect(anonymous.status).toBe(401);
	});
});

function dailyHours(start: string, end: string) {
	const day = [{ start, end }];
	return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
}
