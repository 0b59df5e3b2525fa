import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../../src/lib/docs/actor';
import * as sub from '../../src/lib/docs/subscription-doc';
import type { HttpClient } from '../helpers/http-client';
import { must, readState, signup, type Site, startSite } from './data-import.helpers';
import { body, uniqueEmail } from './memberships.helpers';

/**
 * Issue 13, item 6: bookings made on the server an export came from must not come back as live
 * sessions (Reschedule/Cancel answering "No such booking", no slot held); they become history.
 * And the import carries what lives outside documents: the package catalogue and availability.
 */

async function postZip(site: Site, http: HttpClient, zip: Uint8Array) {
	return fetch(new URL('/api/import', site.server.url), {
		method: 'POST',
		headers: {
			cookie: http.cookieHeader,
			origin: new URL(site.server.url).origin,
			'content-type': 'application/zip'
		},
		body: new Blob([zip as Uint8Array<ArrayBuffer>])
	});
}

const HOUR = 3_600_000;

/** A `sub:` document as the old server left it: a package, one past and one future booking. */
function oldSubscription(now: number): Uint8Array {
	const doc = new Y.Doc();
	sub.migrate(doc);
	const server = createActor({ userId: 'old-server' });
	for (const [id, startsAt] of [
		['b-past', now - 48 * HOUR],
		['b-future', now + 72 * HOUR]
	] as const) {
		must(
			sub.upsertBooking(doc, server, {
				id,
				startsAt,
				endsAt: startsAt + HOUR,
				timeZone: 'Europe/Paris',
				kind: 'video',
				status: 'confirmed',
				sequence: 0
			})
		);
	}
	return Y.encodeStateAsUpdate(doc);
}

describe('bookings, packages and availability in an imported export', () => {
	let site: Site;
	beforeAll(async () => {
		site = await startSite();
	}, 60_000);
	afterAll(async () => {
		await site?.close();
	});

	it('become history, not live sessions, and a second import changes nothing', async () => {
		const coach = await signup(site, 'Coach Moved', uniqueEmail('coach-moved'));
		const now = Date.now();
		const manifest = {
			format: 'tandem-export',
			version: 2,
			user: { id: 'old-coach', name: 'Old', email: 'old@example.com', role: 'coach' },
			coachDoc: null,
			engagements: [
				{
					id: 'source-ada',
					status: 'active',
					client: { id: 'old-ada', name: 'Ada Client', email: uniqueEmail('ada') },
					docs: { shared: 'clients/ada/eng.yjs', subscription: 'clients/ada/sub.yjs' }
				}
			]
		};
		const zip = zipSync({
			'manifest.json': strToU8(JSON.stringify(manifest)),
			'clients/ada/eng.yjs': Y.encodeStateAsUpdate(new Y.Doc()),
			'clients/ada/sub.yjs': oldSubscription(now)
		});
		const first = await postZip(site, coach.http, zip);
		expect(first.status, await first.clone().text()).toBe(200);
		const [imported] = (await body(first)).engagements as { engagementId: string }[];
		const docName = `sub:${imported!.engagementId}`;

		const restored = new Y.Doc();
		Y.applyUpdate(restored, await readState(site, coach.http, docName));
		expect(sub.listBookings(restored)).toEqual([]);
		expect(sub.listImportedBookings(restored).map((b) => [b.id, b.status])).toEqual([
			['b-past', 'confirmed'],
			['b-future', 'confirmed']
		]);
		// The server's own view agrees: nothing booked here.
		// (The default range: from a day ago to 60 days ahead, which holds the future one.)
		const bookings = await coach.http.get('/api/bookings');
		expect(bookings.status).toBe(200);
		expect((await body(bookings)).bookings).toEqual([]);

		const vector = Y.encodeStateVector(restored);
		expect((await postZip(site, coach.http, zip)).status).toBe(200);
		const again = new Y.Doc();
		Y.applyUpdate(again, await readState(site, coach.http, docName));
		expect(Y.encodeStateVector(again)).toEqual(vector);
		expect(sub.listImportedBookings(again)).toHaveLength(2);
		expect(sub.listBookings(again)).toEqual([]);
	}, 90_000);

	it("carries the coach's package catalogue and availability, once", async () => {
		const coach = await signup(site, 'Coach Practice', uniqueEmail('coach-practice'));
		const availability = {
			timeZone: 'Europe/Paris',
			weekly: {
				mon: [{ start: '09:00', end: '12:00' }],
				tue: [],
				wed: [{ start: '14:00', end: '18:00' }],
				thu: [],
				fri: [],
				sat: [],
				sun: []
			},
			bufferMinutes: 15,
			minNoticeMinutes: 120,
			maxDaysAhead: 30,
			cancelNoticeHours: 12,
			overrides: []
		};
		const pkg = (name: string, extra: Record<string, unknown> = {}) => ({
			id: `old-${name}`,
			name,
			sessionsTotal: 4,
			sessionMinutes: 50,
			priceCents: 40000,
			currency: 'EUR',
			noShowConsumesSession: true,
			selfBooking: true,
			createdAt: '2026-01-01T00:00:00.000Z',
			...extra
		});
		const manifest = {
			format: 'tandem-export',
			version: 2,
			user: { id: 'old-coach', name: 'Old', email: 'old@example.com', role: 'coach' },
			coachDoc: null,
			engagements: [],
			practice: {
				packages: [
					pkg('Starter'),
					pkg('Deep dive', { sessionsTotal: 10 }),
					pkg('Broken', { sessionsTotal: -1 })
				],
				availability
			}
		};
		const zip = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) });

		const first = await postZip(site, coach.http, zip);
		expect(first.status).toBe(200);
		const report = (await body(first)).practice;
		expect(report.packagesCreated).toBe(2);
		expect(report.availability).toBe('imported');
		expect(report.problems).toHaveLength(1);
		expect(report.problems[0]).toMatch(/^Package "Broken": /);

		const packages = (await body(await coach.http.get('/api/packages'))).packages as {
			name: string;
			sessionsTotal: number;
			selfBooking: boolean;
			currency: string;
		}[];
		expect(
			packages.map((p) => [p.name, p.sessionsTotal, p.selfBooking, p.currency]).sort()
		).toEqual([
			['Deep dive', 10, true, 'EUR'],
			['Starter', 4, true, 'EUR']
		]);
		expect((await body(await coach.http.get('/api/availability'))).availability).toEqual(
			availability
		);

		const again = await postZip(site, coach.http, zip);
		expect(again.status).toBe(200);
		const second = (await body(again)).practice;
		expect([second.packagesCreated, second.availability]).toEqual([0, 'kept']);
		expect((await body(await coach.http.get('/api/packages'))).packages).toHaveLength(2);
	}, 60_000);

	it('refuses a malformed practice before creating anything', async () => {
		const coach = await signup(site, 'Coach Malformed', uniqueEmail('coach-malformed'));
		const manifest = {
			format: 'tandem-export',
			version: 2,
			user: { id: 'old-coach', name: 'Old', email: 'old@example.com', role: 'coach' },
			coachDoc: null,
			engagements: [],
			practice: { packages: 'all of them', availability: null }
		};
		const response = await postZip(
			site,
			coach.http,
			zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) })
		);
		expect(response.status).toBe(400);
		expect((await body(response)).error).toMatch(/"practice" needs "packages"/);
		expect((await body(await coach.http.get('/api/packages'))).packages).toEqual([]);
	}, 60_000);
});
