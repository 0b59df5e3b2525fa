import { afterEach, describe, expect, it } from 'vitest';
import { bookingInput, officeHours, schedulingFixture } from './scheduling-fixture.testing';
import { timeZoneInputSchema } from '../../api/account';
import { parseWith } from '../../api/parse';
import { canonicalZone } from '../../domain/time-zone-name';
import { UserTimeZones } from './user-time-zone';

type F = Awaited<ReturnType<typeof schedulingFixture>>;
let f: F;
afterEach(() => f?.cleanup());

// The fixture's clock starts Mon 5 Jan 2026, 09:00 UTC (New York is UTC−5 in January).
const TUE_10 = '2026-01-06T10:00:00.000Z';
const NEW_YORK = 'America/New_York';

async function setUp() {
	f = await schedulingFixture();
	f.scheduling.bookings.saveAvailability(f.coach, officeHours('UTC'));
	return f;
}

async function coachBooks(timeZone = 'Asia/Ho_Chi_Minh') {
	const booked = await f.scheduling.bookings.book(
		f.coach,
		f.engagementId,
		bookingInput({
			startsAt: TUE_10,
			kind: 'video',
			timeZone
		})
	);
	if (!booked.ok) {
		throw new Error(booked.error.message);
	}
	await f.settle();
	const mails = f.mailer.sent.filter((m) => m.attachments?.length);
	return {
		toClient: mails.find((m) => m.to === 'clio@example.com')!,
		toCoach: mails.find((m) => m.to === 'cora@example.com')!
	};
}

/** The body of PUT /api/me/time-zone through its schema, as the endpoint reads it. */
function parseTimeZoneBody(body: unknown) {
	const parsed = parseWith(timeZoneInputSchema, body);
	return parsed.ok
		? { ok: true, value: parsed.value.timeZone }
		: { ok: false, error: { code: 'invalid-input', message: parsed.message } };
}

const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('the zone a user is in', () => {
	it('accepts IANA names (canonical spelling), refuses offsets and unknown names', () => {
		expect(canonicalZone('europe/berlin')).toBe('Europe/Berlin');
		expect(canonicalZone('UTC')).toBe('UTC');
		// What Chromium's Intl reports for Kolkata: stored by its current name.
		expect(canonicalZone('Asia/Calcutta')).toBe('Asia/Kolkata');
		expect(canonicalZone('asia/saigon')).toBe('Asia/Ho_Chi_Minh');
		for (const bad of ['+02:00', 'Mars/Olympus_Mons', '', 'x'.repeat(65), 42, null]) {
			expect(canonicalZone(bad)).toBeNull();
		}
		expect(parseTimeZoneBody({ timeZone: NEW_YORK })).toEqual({ ok: true, value: NEW_YORK });
		expect(parseTimeZoneBody({ zone: NEW_YORK })).toMatchObject({
			ok: false,
			error: { code: 'invalid-input' }
		});
	});

	it('stores the zone; the same value again writes nothing', async () => {
		await setUp();
		const zones = new UserTimeZones(f.db);
		expect(zones.of(f.client.id)).toBeNull();
		expect(zones.set(f.client.id, NEW_YORK)).toBe(true);
		expect(zones.set(f.client.id, NEW_YORK)).toBe(false);
		expect(zones.of(f.client.id)).toBe(NEW_YORK);
	});

	it('when the coach books, the client’s email and .ics read the client’s zone, the coach’s theirs', async () => {
		await setUp();
		new UserTimeZones(f.db).set(f.client.id, NEW_YORK);
		const { toClient, toCoach } = await coachBooks();
		expect(toClient.subject).toBe('Session booked: Tue, 6 Jan 2026, 05:00 (America/New_York)');
		expect(unfolded(toClient.attachments![0]!.content)).toContain(
			'DESCRIPTION:When: Tue\\, 6 Jan 2026\\, 05:00 (America/New_York)'
		);
		// The coach reads their availability zone, not the zone the booking was made in.
		expect(toCoach.subject).toBe('Session booked: Tue, 6 Jan 2026, 10:00 (UTC)');
		expect(unfolded(toCoach.attachments![0]!.content)).toContain(
			'When: Tue\\, 6 Jan 2026\\, 10:00 (UTC)'
		);
	});

	it('without a known zone the client reads the zone the booking was made in', async () => {
		await setUp();
		const { toClient } = await coachBooks('Asia/Ho_Chi_Minh');
		expect(toClient.subject).toBe('Session booked: Tue, 6 Jan 2026, 17:00 (Asia/Ho_Chi_Minh)');
	});

	it('a self-booking records the client’s zone, and the coach’s slot list shows it', async () => {
		await setUp();
		const booked = await f.scheduling.bookings.book(
			f.client,
			f.engagementId,
			bookingInput({
				startsAt: TUE_10,
				kind: 'video',
				timeZone: 'Europe/Berlin'
			})
		);
		expect(booked).toMatchObject({ ok: true, value: { clientTimeZone: 'Europe/Berlin' } });
		expect(new UserTimeZones(f.db).of(f.client.id)).toBe('Europe/Berlin');
		const slots = await f.scheduling.bookings.slots(f.coach, f.engagementId, {
			from: '2026-01-06',
			days: 1,
			timeZone: null
		});
		expect(slots).toMatchObject({ ok: true, value: { clientTimeZone: 'Europe/Berlin' } });
		// A coach's booking never changes it (it is the coach's browser).
		await f.scheduling.bookings.book(
			f.coach,
			f.engagementId,
			bookingInput({
				startsAt: '2026-01-07T10:00:00.000Z',
				kind: 'video',
				timeZone: 'Asia/Ho_Chi_Minh'
			})
		);
		expect(new UserTimeZones(f.db).of(f.client.id)).toBe('Europe/Berlin');
	});
});
