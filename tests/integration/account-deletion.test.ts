import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../src/lib/docs/actor';
import * as coachDoc from '../../src/lib/docs/coach-doc';
import * as eng from '../../src/lib/docs/engagement-doc';
import { ENGAGEMENT_TOP_LEVEL } from '../../src/lib/docs/engagement-schema';
import * as sub from '../../src/lib/docs/subscription-doc';
import { topLevelJson, type TopLevelShape } from '../../src/lib/docs/top-level';
import * as Y from 'yjs';
import { HttpClient } from '../helpers/http-client';
import {
	invite,
	inviteToken,
	mailsTo,
	must,
	occurrences,
	openDoc,
	readState,
	signup,
	type Site,
	startSite,
	waitFor,
	writeDoc
} from './data-import.helpers';
import { body, password, readDb, uniqueEmail } from './memberships.helpers';
import { allDay, practice as schedulingPractice, readable } from './scheduling.helpers';

/**
 * Deleted means deleted: after an account deletion, no byte of the person (email, name, id, or
 * a marker they wrote into a document) is left in ANY file of DATA_DIR, the SQLite -wal and -shm
 * files included, while the other side keeps what is theirs.
 */

const unique = (label: string) => `${label}-${randomUUID()}`;
// Names no other text in the files could contain by chance.
const uniqueName = (first: string) => `${first} ${randomUUID().slice(0, 8)}x`;

/** Everything in the document as text, read through its declared top-level types. */
async function textOf(
	site: Site,
	http: HttpClient,
	docName: string,
	shape: TopLevelShape
): Promise<string> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, await readState(site, http, docName));
	return JSON.stringify(topLevelJson(doc, shape));
}

describe('account deletion', () => {
	let site: Site;

	beforeAll(async () => {
		site = await startSite();
	}, 60_000);
	afterAll(async () => {
		await site?.close();
	});

	it("a client's deletion removes every byte of theirs and keeps the coach's private notes", async () => {
		const coachEmail = uniqueEmail('coach');
		const coach = await signup(site, uniqueName('Corvina'), coachEmail);
		const clientName = uniqueName('Zephyrine');
		const clientEmail = uniqueEmail('zephyrine');
		// Sent with an Idempotency-Key: the coach's stored answer names the client for 24 h.
		const invited = await coach.http.post(
			'/api/invites',
			{ name: clientName, email: clientEmail },
			{ 'idempotency-key': unique('key') }
		);
		expect(invited.status).toBe(201);
		const token = await inviteToken(site, clientEmail);
		const client = new HttpClient(site.server.url);
		const accepted = await body(await client.post(`/api/invites/${token}/accept`, { password }));
		const engagementId = accepted.engagementId as string;
		const clientId = accepted.user.id as string;
		const other = (await invite(site, coach.http, { name: 'Bo Other', email: uniqueEmail('bo') }))!;

		const marker = unique('client-marker');
		const privateMarker = unique('coach-private');
		const otherMarker = unique('other-client');
		const goalId = unique('goal');
		const me = createActor({ userId: clientId, newId: () => goalId, now: () => 42 });
		await writeDoc(site, client, `eng:${engagementId}`, (doc) => {
			eng.migrate(doc);
			must(
				eng.sendMessage(doc, createActor({ userId: clientId }), { text: `Hello from ${marker}` })
			);
			must(eng.createGoal(doc, me, { title: `Goal ${marker}` }));
			must(eng.completeGoal(doc, me, { goalId }));
		});
		const coachActor = createActor({ userId: coach.user.id });
		await writeDoc(site, coach.http, `sub:${engagementId}`, (doc) => {
			sub.migrate(doc);
			must(
				sub.recordSession(doc, coachActor, {
					kind: 'phone',
					startedAt: Date.now(),
					outcome: 'completed',
					note: 'fine'
				})
			);
		});
		await writeDoc(site, coach.http, `coach:${coach.user.id}`, (doc) => {
			coachDoc.migrate(doc);
			must(
				coachDoc.createPrivateNote(doc, coachActor, {
					engagementId,
					title: 'Intake',
					text: privateMarker
				})
			);
		});
		await writeDoc(site, other.http, `eng:${other.engagementId}`, (doc) => {
			must(eng.sendMessage(doc, createActor({ userId: other.userId }), { text: otherMarker }));
		});
		// An event that notifies the coach, sent with a key of the client's own.
		const event = { engagementId, kind: 'goal-completed', eventId: `goal:${goalId}:completed:42` };
		expect(
			(await client.post('/api/events', event, { 'idempotency-key': unique('k') })).status
		).toBe(201);

		const needles = [clientEmail, clientName, clientId, marker];
		// The check can fail: before the deletion every needle is somewhere in the files.
		const before = occurrences(site.server.dataDir, needles);
		for (const needle of needles) {
			expect(before.some((hit) => hit.endsWith(`: ${needle}`))).toBe(true);
		}

		const live = await openDoc(site, client, `eng:${engagementId}`);
		const impact = await body(await client.get('/api/account/delete'));
		expect(impact).toEqual({
			role: 'client',
			engagements: [
				expect.objectContaining({
					engagementId,
					status: 'active',
					name: coach.user.name,
					notified: true
				})
			]
		});
		const wrong = await client.post('/api/account/delete', { password: 'not-my-password' });
		expect(wrong.status).toBe(401);
		expect((await client.get('/api/engagements')).status).toBe(200);

		const keyed = await client.post(
			'/api/account/delete',
			{ password },
			{ 'idempotency-key': unique('delete') }
		);
		expect(keyed.status).toBe(400);
		expect((await client.get('/api/engagements')).status).toBe(200);

		const deleted = await client.post('/api/account/delete', { password });
		expect(deleted.status).toBe(200);
		expect(await live.closed).toBeGreaterThanOrEqual(4400);
		live.destroy();
		expect((await client.get('/api/engagements')).status).toBe(401);
		const again = new HttpClient(site.server.url);
		expect((await again.post('/api/auth/login', { email: clientEmail, password })).status).toBe(
			401
		);

		await waitFor(
			() =>
				site.sink.received.some(
					(m) => m.raw.includes('deleted their Tandem account') && m.to.includes(coachEmail)
				),
			'the notice to the coach'
		);
		// The notice was queued and names the client until sent: then it is cleared and the WAL
		// truncated, a moment after the mail server took it.
		await waitFor(
			() => occurrences(site.server.dataDir, needles).length === 0,
			'no byte of the client left'
		);
		expect(occurrences(site.server.dataDir, needles)).toEqual([]);
		// The coach keeps their private notes and their other client, untouched.
		expect(await textOf(site, coach.http, `coach:${coach.user.id}`, coachDoc.TOP_LEVEL)).toContain(
			privateMarker
		);
		expect(
			await textOf(site, coach.http, `eng:${other.engagementId}`, ENGAGEMENT_TOP_LEVEL)
		).toContain(otherMarker);
		const left = await body(await coach.http.get('/api/engagements'));
		expect(left.engagements.map((e: { id: string }) => e.id)).toEqual([other.engagementId]);
	}, 60_000);

	it('a client with bookings and a calendar feed leaves nothing behind either', async () => {
		const p = await schedulingPractice(site.server, site.sink.received, {
			availability: allDay('UTC')
		});
		const slots = await body(await p.client.get(`/api/engagements/${p.engagementId}/slots?days=3`));
		const booked = await p.client.post(`/api/engagements/${p.engagementId}/bookings`, {
			startsAt: slots.slots[3].startsAt,
			kind: 'video',
			timeZone: 'Europe/Berlin'
		});
		expect(booked.status).toBe(201);
		expect((await p.client.get('/api/calendar-feed')).status).toBe(200);
		const clientId = (await body(await p.client.get('/api/me'))).user.id as string;
		const needles = [p.clientEmail, clientId];
		expect(occurrences(site.server.dataDir, needles)).not.toEqual([]);

		expect((await p.client.post('/api/account/delete', { password })).status).toBe(200);

		// The session's cancellation to the client names them until it is sent; then it is
		// cleared and the WAL truncated (docs/own-your-data.md).
		await waitFor(
			() => mailsTo(site.sink, p.clientEmail).some((m) => /Session cancelled/.test(readable(m))),
			"the client's cancellation"
		);
		await waitFor(
			() => occurrences(site.server.dataDir, needles).length === 0,
			'no byte of the client left'
		);
		const left = readDb(site.server, (db) =>
			['bookings', 'calendar_feeds', 'booking_reminders'].map(
				(table) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
			)
		);
		expect(left).toEqual([0, 0, 0]);
	}, 60_000);

	it("a coach's deletion ends every engagement, emails each client and removes every byte of theirs", async () => {
		const coachName = uniqueName('Ottoline');
		const coachEmail = uniqueEmail('ottoline');
		const coach = await signup(site, coachName, coachEmail);
		const clientEmail = uniqueEmail('cy');
		const cy = (await invite(site, coach.http, { name: 'Cy Client', email: clientEmail }))!;
		const pendingEmail = uniqueEmail('pending');
		await invite(site, coach.http, { name: 'Pat Pending', email: pendingEmail }, false);

		const marker = unique('coach-marker');
		const coachActor = createActor({ userId: coach.user.id });
		await writeDoc(site, coach.http, `coach:${coach.user.id}`, (doc) => {
			coachDoc.migrate(doc);
			must(
				coachDoc.createPrivateNote(doc, coachActor, {
					engagementId: cy.engagementId,
					title: 'Intake',
					text: marker
				})
			);
		});
		await writeDoc(site, coach.http, `eng:${cy.engagementId}`, (doc) => {
			eng.migrate(doc);
			must(eng.sendMessage(doc, coachActor, { text: `Welcome ${marker}` }));
		});
		const needles = [coachEmail, coachName, coach.user.id, marker];
		const before = occurrences(site.server.dataDir, needles);
		for (const needle of needles) {
			expect(before.some((hit) => hit.endsWith(`: ${needle}`))).toBe(true);
		}

		const impact = await body(await coach.http.get('/api/account/delete'));
		expect(impact.engagements).toEqual([
			expect.objectContaining({
				name: 'Cy Client',
				email: clientEmail,
				status: 'active',
				notified: true
			}),
			expect.objectContaining({
				name: 'Pat Pending',
				email: pendingEmail,
				status: 'pending',
				notified: false
			})
		]);
		const live = await openDoc(site, cy.http, `eng:${cy.engagementId}`);
		expect((await coach.http.post('/api/account/delete', { password })).status).toBe(200);
		expect(await live.closed).toBeGreaterThanOrEqual(4400);
		live.destroy();

		await waitFor(
			() =>
				mailsTo(site.sink, clientEmail).some((m) => m.raw.includes('closed their Tandem account')),
			'the notice to the client'
		);
		expect(mailsTo(site.sink, pendingEmail)).toHaveLength(1); // the invitation only
		await waitFor(
			() => occurrences(site.server.dataDir, needles).length === 0,
			'no byte of the coach left'
		);
		expect(occurrences(site.server.dataDir, needles)).toEqual([]);
		// The client's account stays, without the engagement or its documents.
		expect((await body(await cy.http.get('/api/engagements'))).engagements).toEqual([]);
		await expect(openDoc(site, cy.http, `eng:${cy.engagementId}`)).rejects.toThrow(/refused/);
	}, 60_000);
});
