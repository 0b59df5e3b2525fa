import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client';
import { mailedServer } from '../helpers/mailed-server';
import type { RunningServer } from '../helpers/spawn-server';
import { body, readDb } from './memberships.helpers';
import { allDay, calendarPart, practice, readable, waitForMail } from './scheduling.helpers';

/**
 * Issue 8 follow-ups against a real server, real SQLite and a real SMTP sink: the browser's
 * zone reported through PUT /api/me/time-zone reaches the client's booking emails even when the
 * coach books, and a booking whose emails cannot be queued is not stored at all.
 */
const HCM = 'Asia/Ho_Chi_Minh';
const NEW_YORK = 'America/New_York';

/** The client's stored zone, straight from SQLite. */
const storedZone = (server: RunningServer, email: string) =>
	readDb(server, (db) => db.prepare('SELECT time_zone FROM users WHERE email = ?').get(email)) as {
		time_zone: string | null;
	};

/** A whole hour between 2 and 3 days ahead: free, bookable, far from any notice limit. */
const nextStart = (days = 2) =>
	new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + days * 86_400_000);

const wallTime = (instant: Date, timeZone: string) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(instant);

describe('the client’s time zone and booking emails', () => {
	const live = mailedServer();

	it('PUT /api/me/time-zone: signed in, same origin, a real IANA zone; the same value again is a no-op', async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay(HCM) });
		const anonymous = new HttpClient(live.server.url);
		expect(
			(await anonymous.request('PUT', '/api/me/time-zone', { timeZone: NEW_YORK })).status
		).toBe(401);
		const bad = await p.client.request('PUT', '/api/me/time-zone', { timeZone: 'Mars/Base' });
		expect(bad.status).toBe(400);
		expect(await body(bad)).toMatchObject({ code: 'invalid-input' });
		const offset = await p.client.request('PUT', '/api/me/time-zone', { timeZone: '+02:00' });
		expect(offset.status).toBe(400);
		// The same cookie from another site's page: refused before the handler runs.
		const own = p.client.origin;
		p.client.origin = 'https://evil.example';
		const foreign = await p.client.request('PUT', '/api/me/time-zone', { timeZone: NEW_YORK });
		p.client.origin = own;
		expect(foreign.status).toBe(403);
		expect(storedZone(live.server, p.clientEmail)).toEqual({ time_zone: null });

		const first = await p.client.request('PUT', '/api/me/time-zone', {
			timeZone: 'america/new_york'
		});
		expect(first.status).toBe(200);
		expect(await body(first)).toEqual({ timeZone: NEW_YORK, changed: true });
		const again = await p.client.request('PUT', '/api/me/time-zone', { timeZone: NEW_YORK });
		expect(await body(again)).toEqual({ timeZone: NEW_YORK, changed: false });
		expect(storedZone(live.server, p.clientEmail)).toEqual({ time_zone: NEW_YORK });
	});

	it('the coach books in Ho Chi Minh City; the client’s email reads New York time, the coach’s their own', async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay(HCM) });
		expect(
			(await p.client.request('PUT', '/api/me/time-zone', { timeZone: NEW_YORK })).status
		).toBe(200);
		// The coach's booking screen learns where the client is from the slot list.
		const slots = await body(await p.coach.get(`/api/engagements/${p.engagementId}/slots?days=1`));
		expect(slots).toMatchObject({ timeZone: HCM, clientTimeZone: NEW_YORK });

		const startsAt = nextStart();
		const booked = await p.coach.post(`/api/engagements/${p.engagementId}/bookings`, {
			startsAt: startsAt.toISOString(),
			kind: 'video',
			timeZone: HCM
		});
		expect(booked.status).toBe(201);
		const [toClient] = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.clientEmail) && /Session booked/.test(readable(m))
		);
		const [toCoach] = await waitForMail(
			live.sink.received,
			(m) => m.to.includes(p.coachEmail) && /Session booked/.test(readable(m))
		);
		expect(readable(toClient!)).toContain(`${wallTime(startsAt, NEW_YORK)} (${NEW_YORK})`);
		expect(readable(toClient!)).not.toContain(`(${HCM})`);
		expect(calendarPart(toClient!.raw).replace(/\r\n[ \t]/g, '')).toContain(`(${NEW_YORK})`);
		expect(readable(toCoach!)).toContain(`${wallTime(startsAt, HCM)} (${HCM})`);
	});

	it('a booking whose emails cannot be queued is refused and not stored; once they can, both arrive', async () => {
		const p = await practice(live.server, live.sink.received, { availability: allDay(HCM) });
		const startsAt = nextStart(3).toISOString();
		const book = () =>
			p.coach.post(`/api/engagements/${p.engagementId}/bookings`, {
				startsAt,
				kind: 'audio',
				timeZone: HCM
			});
		// A real SQLite failure inside the server's transaction: the queue refuses every insert.
		const db = new Database(path.join(live.server.dataDir, 'tandem.sqlite'));
		try {
			db.pragma('busy_timeout = 5000');
			db.exec(`CREATE TRIGGER test_queue_down BEFORE INSERT ON mail_queue
				BEGIN SELECT RAISE(ABORT, 'queue down (test)'); END`);
			const refused = await book();
			expect(refused.status).toBe(503);
			expect(await body(refused)).toMatchObject({ code: 'unavailable' });
			const stored = readDb(live.server, (r) =>
				r.prepare('SELECT COUNT(*) AS n FROM bookings WHERE engagement_id = ?').get(p.engagementId)
			);
			expect(stored).toEqual({ n: 0 });
			db.exec('DROP TRIGGER test_queue_down');
		} finally {
			db.close();
		}
		const accepted = await book();
		expect(accepted.status).toBe(201);
		const bookingId = (await body(accepted)).booking.id as string;
		const refs = readDb(live.server, (r) =>
			r
				.prepare('SELECT ref FROM mail_queue WHERE ref LIKE ? ORDER BY ref')
				.all(`booking:${bookingId}:%`)
		);
		expect(refs).toHaveLength(2);
		const arrived = await waitForMail(
			live.sink.received,
			(m) =>
				(m.to.includes(p.clientEmail) || m.to.includes(p.coachEmail)) &&
				/Session booked/.test(readable(m)),
			2
		);
		expect(arrived).toHaveLength(2);
	});
});
