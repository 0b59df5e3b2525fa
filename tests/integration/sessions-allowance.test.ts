import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../src/lib/docs/actor';
import * as sub from '../../src/lib/docs/subscription-doc';
import type { HttpClient } from '../helpers/http-client';
import { spawnServer, type RunningServer } from '../helpers/spawn-server';
import { body, signupCoach } from './memberships.helpers';
import {
	createPackage,
	inviteAndAccept,
	openSynced,
	sixSessions,
	waitFor
} from './packages.helpers';

const HOUR = 3_600_000;

/** A whole hour `hours` ahead, so two bookings never overlap. */
const ahead = (hours: number) =>
	new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR).toISOString();

const book = (coach: HttpClient, engagementId: string, hours: number) =>
	coach.post(`/api/engagements/${engagementId}/bookings`, {
		startsAt: ahead(hours),
		kind: 'video',
		timeZone: 'UTC'
	});

describe('bookings hold sessions of the package', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await spawnServer({ env: { SMTP_URL: '' } });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('refuses a booking beyond what is left, and an outcome recorded against a booking frees it', async () => {
		const { client: coach, user } = await signupCoach(server);
		const pkg = await createPackage(coach, { ...sixSessions, sessionsTotal: 2 });
		const { client, engagementId } = await inviteAndAccept(server, coach, { packageId: pkg.id });
		const first = await book(coach, engagementId, 48);
		expect(first.status).toBe(201);
		const bookingId = (await body(first)).booking.id as string;

		const ledger = await openSynced(server, `sub:${engagementId}`, coach);
		// The client's read-only copy is the barrier: the server relays an update only after
		// applying it, so once the client sees an entry the server counts it too.
		const seen = await openSynced(server, `sub:${engagementId}`, client);
		const actor = createActor({ userId: user.id as string });
		await waitFor(() => sub.listBookings(ledger.doc).length === 1);
		expect(sub.usage(ledger.doc)).toMatchObject({ used: 0, booked: 1, remaining: 1 });
		// A session held by hand uses the last free one: 1 used + 1 booked = the package.
		const start = Date.now() - 2 * HOUR;
		const hand = { kind: 'video', startedAt: start, endedAt: start + HOUR } as const;
		expect(sub.recordSession(ledger.doc, actor, { ...hand, outcome: 'completed' }).ok).toBe(true);
		await waitFor(() => sub.listLedger(seen.doc).length === 1);

		const refused = await book(coach, engagementId, 72);
		expect(refused.status).toBe(409);
		expect(await body(refused)).toMatchObject({
			code: 'no-sessions-left',
			error: expect.stringMatching(/used or already booked/)
		});
		// The booked call failed: recorded against its booking, it gives its session back.
		expect(
			sub.recordSession(ledger.doc, actor, {
				...hand,
				startedAt: start + HOUR,
				endedAt: null,
				outcome: 'technical-failure',
				bookingId
			}).ok
		).toBe(true);
		await waitFor(() => sub.listLedger(seen.doc).length === 2);
		expect((await book(coach, engagementId, 96)).status).toBe(201);
		ledger.destroy();
		seen.destroy();
	});

	it('without a package the coach books freely and the client cannot book themselves', async () => {
		const { client: coach } = await signupCoach(server);
		const { client, engagementId } = await inviteAndAccept(server, coach);
		expect((await book(coach, engagementId, 48)).status).toBe(201);
		expect((await book(coach, engagementId, 50)).status).toBe(201);
		const slots = await body(await coach.get(`/api/engagements/${engagementId}/slots?days=2`));
		expect(slots).toMatchObject({ canBook: true });
		const own = await book(client, engagementId, 52);
		expect(own.status).toBe(403);
		expect(await body(own)).toMatchObject({ code: 'self-booking-off' });
	});
});
