import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import { createActor, type Actor } from '../../src/lib/docs/actor';
import * as coachDoc from '../../src/lib/docs/coach-doc';
import * as eng from '../../src/lib/docs/engagement-doc';
import { ENGAGEMENT_TOP_LEVEL } from '../../src/lib/docs/engagement-schema';
import * as sub from '../../src/lib/docs/subscription-doc';
import { topLevelJson } from '../../src/lib/docs/top-level';
import { noteSchema } from '../../src/lib/editor/schema';
import { buildExport, type ExportEngagement } from '../../src/lib/export/build-export';
import { RICH_BODY } from '../../src/lib/export/export-sample.testing';
import { HttpClient } from '../helpers/http-client';
import { mailSettled } from '../helpers/mail-settled';
import {
	invite,
	inviteToken,
	mailsTo,
	must,
	readState,
	signup,
	type Site,
	startSite,
	waitFor,
	writeDoc
} from './data-import.helpers';
import { body, password, uniqueEmail } from './memberships.helpers';

/**
 * The whole journey of issue 9's import: a practice built through the real server A (stock
 * y-websocket clients), exported with the export builder, imported into a FRESH server B under
 * a new coach account, every document compared, and a second import that changes nothing.
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

const decode = (state: Uint8Array) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
};

/** Everything a person can see in an `eng:` document, notes' rich bodies included. */
function engContent(state: Uint8Array) {
	const doc = decode(state);
	return {
		messages: eng.listMessages(doc),
		goals: eng.listGoals(doc),
		notes: eng.listNotes(doc).map((n) => ({
			...n,
			body: yXmlFragmentToProsemirrorJSON(eng.noteBody(doc, n.id)!)
		})),
		all: topLevelJson(doc, ENGAGEMENT_TOP_LEVEL)
	};
}

interface AliasedEngagement {
	id: string;
	coach: { formerIds: string[] };
	client: { formerIds: string[] };
}

describe('import a coach export into a fresh server', () => {
	let a: Site;
	let b: Site;
	const clientEmails = {
		ada: uniqueEmail('ada'),
		grace: uniqueEmail('grace'),
		pete: uniqueEmail('pete')
	};
	let zip: Uint8Array;
	let exported: ExportEngagement[];
	const states = new Map<string, { shared: Uint8Array; subscription: Uint8Array }>();
	let coachState: Uint8Array;

	beforeAll(async () => {
		[a, b] = await Promise.all([startSite(), startSite()]);
	}, 60_000);
	afterAll(async () => {
		await Promise.all([a?.close(), b?.close()]);
	});

	/** Server A: Ada (active), Grace (ended), Pete (invited, never accepted), with content. */
	async function buildPractice() {
		const coach = await signup(a, 'Cora Source', uniqueEmail('cora'));
		const actor = (userId: string): Actor => createActor({ userId });
		const coachActor = actor(coach.user.id);
		const ada = (await invite(a, coach.http, { name: 'Ada Lovelace', email: clientEmails.ada }))!;
		const grace = (await invite(a, coach.http, {
			name: 'Grace Hopper',
			email: clientEmails.grace
		}))!;
		await invite(a, coach.http, { name: 'Pete Pending', email: clientEmails.pete }, false);

		for (const [client, name] of [
			[ada, 'Ada'],
			[grace, 'Grace']
		] as const) {
			const docName = `eng:${client.engagementId}`;
			await writeDoc(a, coach.http, docName, (doc) => {
				eng.migrate(doc);
				must(eng.sendMessage(doc, coachActor, { text: `Welcome, ${name}!` }));
				const noteId = must(eng.createNote(doc, coachActor, { title: 'Week 1 plan' }));
				const fragment = eng.noteBody(doc, noteId)!;
				doc.transact(() => prosemirrorJSONToYXmlFragment(noteSchema, RICH_BODY, fragment));
			});
			await writeDoc(a, client.http, docName, (doc) => {
				const me = actor(client.userId);
				must(eng.sendMessage(doc, me, { text: `Hi coach, ${name} here` }));
				const goalId = must(eng.createGoal(doc, me, { title: 'Run 5k', dueDate: '2026-06-01' }));
				must(eng.completeGoal(doc, me, { goalId }));
				const [note] = eng.listNotes(doc);
				must(eng.addComment(doc, me, { noteId: note!.id, text: 'Looks *good*' }));
			});
			await writeDoc(a, coach.http, `sub:${client.engagementId}`, (doc) => {
				sub.migrate(doc);
				const startedAt = Date.UTC(2026, 2, 2, 9);
				must(
					sub.recordSession(doc, coachActor, {
						kind: 'video',
						startedAt,
						endedAt: startedAt + 2_700_000,
						outcome: 'completed',
						note: `Session with ${name}`
					})
				);
				must(
					sub.recordSession(doc, coachActor, {
						kind: 'phone',
						startedAt: startedAt + 604_800_000,
						outcome: 'no-show'
					})
				);
			});
		}
		expect((await coach.http.post(`/api/engagements/${grace.engagementId}/end`)).status).toBe(200);

		const list = await body(await coach.http.get('/api/engagements'));
		exported = list.engagements.map((e: ExportEngagement): ExportEngagement => ({
			id: e.id,
			status: e.status,
			coach: e.coach,
			client: e.client
		}));
		await writeDoc(a, coach.http, list.coachDoc as string, (doc) => {
			coachDoc.migrate(doc);
			for (const e of exported) {
				must(
					coachDoc.createPrivateNote(doc, coachActor, {
						engagementId: e.id,
						title: 'Intake',
						text: `Private about ${e.client.name}`
					})
				);
			}
		});
		for (const e of exported) {
			states.set(e.id, {
				shared: await readState(a, coach.http, `eng:${e.id}`),
				subscription: await readState(a, coach.http, `sub:${e.id}`)
			});
		}
		coachState = await readState(a, coach.http, list.coachDoc as string);
		return { coach, list };
	}

	it('recreates the engagements as invites and restores every document; a second import changes nothing', async () => {
		const { coach } = await buildPractice();
		const entries = buildExport({
			user: { ...coach.user, email: 'ignored@example.com', role: 'coach' },
			exportedAt: new Date().toISOString(),
			engagements: exported,
			states,
			coachState
		});
		zip = zipSync(Object.fromEntries(entries.map((e) => [e.path, e.data])));

		const newCoach = await signup(b, 'Cora Moved', uniqueEmail('cora-b'));
		const first = await postZip(b, newCoach.http, zip);
		expect(first.status).toBe(200);
		const report = (await first.json()) as {
			engagements: { sourceId: string; engagementId: string; email: string; status: string }[];
		};
		const bySource = new Map(report.engagements.map((e) => [e.sourceId, e]));
		const statusOf = (email: string) => report.engagements.find((e) => e.email === email)?.status;
		expect(statusOf(clientEmails.ada)).toBe('pending');
		expect(statusOf(clientEmails.pete)).toBe('pending');
		expect(statusOf(clientEmails.grace)).toBe('ended');
		// Invitations go out like any other; a past client is not emailed.
		await waitFor(() => mailsTo(b.sink, clientEmails.pete).length === 1, 'the invitation to Pete');
		expect(mailsTo(b.sink, clientEmails.ada)).toHaveLength(1);
		expect(mailsTo(b.sink, clientEmails.grace)).toHaveLength(0);

		for (const source of exported) {
			const target = bySource.get(source.id)!.engagementId;
			const restoredEng = await readState(b, newCoach.http, `eng:${target}`);
			const restoredSub = await readState(b, newCoach.http, `sub:${target}`);
			const original = states.get(source.id)!;
			expect(engContent(restoredEng)).toEqual(engContent(original.shared));
			expect(Y.encodeStateVector(decode(restoredEng))).toEqual(
				Y.encodeStateVector(decode(original.shared))
			);
			expect(sub.listSessions(decode(restoredSub))).toEqual(
				sub.listSessions(decode(original.subscription))
			);
			expect(topLevelJson(decode(restoredSub), sub.TOP_LEVEL)).toEqual(
				topLevelJson(decode(original.subscription), sub.TOP_LEVEL)
			);
		}
		// The formatting survived: the rich note reads back as the editor wrote it.
		const adaTarget = bySource.get(
			exported.find((e) => e.client.email === clientEmails.ada)!.id
		)!.engagementId;
		const adaNotes = engContent(await readState(b, newCoach.http, `eng:${adaTarget}`)).notes;
		const normal = (json: unknown) => noteSchema.nodeFromJSON(json).toJSON() as unknown;
		expect(normal(adaNotes[0]!.body)).toEqual(normal(RICH_BODY));
		expect(JSON.stringify(adaNotes[0]!.body)).toContain('"bold"');

		// Private notes now name the new engagements.
		const restoredCoach = decode(await readState(b, newCoach.http, `coach:${newCoach.user.id}`));
		const oldCoach = decode(coachState);
		for (const source of exported) {
			const target = bySource.get(source.id)!.engagementId;
			const strip = (notes: readonly { engagementId: string | null }[]) =>
				notes.map(({ engagementId: _, ...rest }) => rest);
			expect(strip(coachDoc.listPrivateNotes(restoredCoach, target))).toEqual(
				strip(coachDoc.listPrivateNotes(oldCoach, source.id))
			);
			expect(coachDoc.listPrivateNotes(restoredCoach, target)).toHaveLength(1);
		}

		// Importing the same file again: nothing new anywhere.
		const invitesBefore = (await body(await newCoach.http.get('/api/invites'))).invites.length;
		const vectorsBefore = await Promise.all(
			report.engagements.map(async (e) =>
				Y.encodeStateVector(decode(await readState(b, newCoach.http, `eng:${e.engagementId}`)))
			)
		);
		const coachVectorBefore = Y.encodeStateVector(restoredCoach);
		const mailsBefore = b.sink.received.length;
		const second = await postZip(b, newCoach.http, zip);
		expect(second.status).toBe(200);
		const again = (await second.json()) as typeof report;
		expect(again.engagements.map((e) => [e.sourceId, e.engagementId, e.status])).toEqual(
			report.engagements.map((e) => [e.sourceId, e.engagementId, 'existing'])
		);
		expect((await body(await newCoach.http.get('/api/invites'))).invites).toHaveLength(
			invitesBefore
		);
		expect((await body(await newCoach.http.get('/api/engagements'))).engagements).toHaveLength(3);
		for (const [i, e] of report.engagements.entries()) {
			const now = Y.encodeStateVector(
				decode(await readState(b, newCoach.http, `eng:${e.engagementId}`))
			);
			expect(now).toEqual(vectorsBefore[i]);
		}
		const coachNow = decode(await readState(b, newCoach.http, `coach:${newCoach.user.id}`));
		expect(Y.encodeStateVector(coachNow)).toEqual(coachVectorBefore);
		await mailSettled(b.server);
		expect(b.sink.received.length).toBe(mailsBefore);

		// Ada accepts on the new server and finds the history there.
		const token = await inviteToken(b, clientEmails.ada);
		const adaB = new HttpClient(b.server.url);
		expect((await adaB.post(`/api/invites/${token}/accept`, { password })).status).toBe(201);
		const seen = engContent(await readState(b, adaB, `eng:${adaTarget}`));
		expect(seen.messages.map((m) => m.text)).toEqual(['Welcome, Ada!', 'Hi coach, Ada here']);

		// Identity aliases: both sides on B learn the ids the history names (their ids on A).
		const adaSource = exported.find((e) => e.client.email === clientEmails.ada)!;
		const aliasesOf = async (http: HttpClient) => {
			const list = await body(await http.get('/api/engagements'));
			const found = (list.engagements as AliasedEngagement[]).find((e) => e.id === adaTarget)!;
			return { coach: found.coach.formerIds, client: found.client.formerIds };
		};
		const expected = { coach: [coach.user.id], client: [adaSource.client.id] };
		expect(await aliasesOf(adaB)).toEqual(expected);
		expect(await aliasesOf(newCoach.http)).toEqual(expected);
		// Pete never had an account on A: only the coach has a former id there.
		const coachList = (await body(await newCoach.http.get('/api/engagements')))
			.engagements as (AliasedEngagement & { client: { email: string } })[];
		const pete = coachList.find((e) => e.client.email === clientEmails.pete)!;
		expect(pete.client.formerIds).toEqual([]);
		expect(pete.coach.formerIds).toEqual([coach.user.id]);
	}, 120_000);

	it('accepts an export larger than the default 512 KB request body', async () => {
		const coach = await signup(b, 'Coach Large', uniqueEmail('coach-l'));
		const doc = new Y.Doc();
		// Random, so it does not compress: the zip itself is over 1 MB.
		const noise = Buffer.from(crypto.getRandomValues(new Uint8Array(60_000))).toString('base64');
		doc.transact(() => {
			for (let i = 0; i < 20; i++) {
				doc.getArray('messages').push([{ id: `m${i}`, text: noise }]);
			}
		});
		const email = uniqueEmail('large');
		const manifest = {
			format: 'tandem-export',
			version: 1,
			user: { id: 'old', name: 'Old', email: 'old@example.com', role: 'coach' },
			coachDoc: null,
			engagements: [
				{
					id: 'big',
					status: 'active',
					client: { name: 'Lara Large', email },
					docs: { shared: 'clients/lara/eng.yjs', subscription: 'clients/lara/sub.yjs' }
				}
			]
		};
		const large = zipSync({
			'manifest.json': strToU8(JSON.stringify(manifest)),
			'clients/lara/eng.yjs': Y.encodeStateAsUpdate(doc),
			'clients/lara/sub.yjs': Y.encodeStateAsUpdate(new Y.Doc())
		});
		expect(large.byteLength).toBeGreaterThan(1024 * 1024);
		const response = await postZip(b, coach.http, large);
		expect(response.status).toBe(200);
		const [imported] = ((await response.json()) as { engagements: { engagementId: string }[] })
			.engagements;
		const restored = decode(await readState(b, coach.http, `eng:${imported!.engagementId}`));
		expect(restored.getArray('messages').length).toBe(20);
	}, 60_000);

	it('refuses clients, files that are not exports, and client exports, with clear messages', async () => {
		const coach = await signup(b, 'Coach Refusals', uniqueEmail('coach-r'));
		const notZip = await postZip(b, coach.http, strToU8('not a zip at all, just text'));
		expect(notZip.status).toBe(400);
		expect(await notZip.json()).toEqual({
			code: 'invalid-input',
			error: 'This file is not a readable zip archive.'
		});

		const clientExport = zipSync({
			'manifest.json': strToU8(
				JSON.stringify({
					format: 'tandem-export',
					version: 1,
					user: { id: 'x', name: 'X', email: 'x@example.com', role: 'client' },
					coachDoc: null,
					engagements: [],
					files: []
				})
			)
		});
		const refused = await postZip(b, coach.http, clientExport);
		expect(refused.status).toBe(400);
		expect((await refused.json()).error).toMatch(/client's export/);

		const client = await invite(b, coach.http, { name: 'Cleo Client', email: uniqueEmail('cleo') });
		expect((await postZip(b, client!.http, clientExport)).status).toBe(403);
	}, 60_000);
});
