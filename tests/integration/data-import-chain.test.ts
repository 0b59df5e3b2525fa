import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../../src/lib/docs/actor';
import * as eng from '../../src/lib/docs/engagement-doc';
import type { PublicUser } from '../../src/lib/domain/account';
import { EngagementPeople } from '../../src/lib/domain/identity';
import { buildExport, type ExportManifest } from '../../src/lib/export/build-export';
import type { EngagementSummary } from '../../src/lib/api/engagements';
import { exportPlan } from '../../src/lib/state/own-data/export-plan';
import { HttpClient } from '../helpers/http-client';
import {
	invite,
	inviteToken,
	must,
	readState,
	signup,
	type Site,
	startSite,
	writeDoc
} from './data-import.helpers';
import { body, password, uniqueEmail } from './memberships.helpers';

/**
 * Identity aliases survive a second move (docs/own-your-data.md): a practice built on server
 * A, exported and imported into B, used there, exported from B (as the app builds it, from
 * B's engagement list) and imported into C. On C the history written on A and on B must both
 * name the right people, through formerIds.
 */

async function engagementsOf(http: HttpClient): Promise<EngagementSummary[]> {
	return (await body(await http.get('/api/engagements'))).engagements as EngagementSummary[];
}

/** The coach's export zip, built from the engagement list exactly as "Export my data" does. */
async function exportFrom(site: Site, coach: { http: HttpClient; user: PublicUser }) {
	const plan = exportPlan(coach.user, await engagementsOf(coach.http), new Date());
	const states = new Map<string, { shared: Uint8Array; subscription: Uint8Array }>();
	for (const e of plan.engagements) {
		states.set(e.id, {
			shared: await readState(site, coach.http, `eng:${e.id}`),
			subscription: await readState(site, coach.http, `sub:${e.id}`)
		});
	}
	const entries = buildExport({ ...plan, states });
	return zipSync(Object.fromEntries(entries.map((e) => [e.path, e.data])));
}

/** Imports `zip` as a new coach on `site`; the client accepts the invitation it sends. */
async function moveTo(site: Site, zip: Uint8Array, who: { coach: string; email: string }) {
	const coach = await signup(site, who.coach, uniqueEmail('coach-chain'));
	const response = await fetch(new URL('/api/import', site.server.url), {
		method: 'POST',
		headers: {
			cookie: coach.http.cookieHeader,
			origin: new URL(site.server.url).origin,
			'content-type': 'application/zip'
		},
		body: new Blob([zip as Uint8Array<ArrayBuffer>])
	});
	expect(response.status).toBe(200);
	const [imported] = ((await response.json()) as { engagements: { engagementId: string }[] })
		.engagements;
	const client = new HttpClient(site.server.url);
	const token = await inviteToken(site, who.email);
	const accepted = await client.post(`/api/invites/${token}/accept`, { password });
	expect(accepted.status).toBe(201);
	return {
		coach: { http: coach.http, user: { ...coach.user, role: 'coach' } as PublicUser },
		client: { http: client, id: (await body(accepted)).user.id as string },
		engagementId: imported!.engagementId
	};
}

async function say(
	site: Site,
	http: HttpClient,
	engagementId: string,
	userId: string,
	text: string
) {
	await writeDoc(site, http, `eng:${engagementId}`, (doc) => {
		eng.migrate(doc);
		must(eng.sendMessage(doc, createActor({ userId }), { text }));
	});
}

describe('identity aliases across two moves (A → B → C)', () => {
	let a: Site;
	let b: Site;
	let c: Site;
	const adaEmail = uniqueEmail('ada-chain');

	beforeAll(async () => {
		[a, b, c] = await Promise.all([startSite(), startSite(), startSite()]);
	}, 60_000);
	afterAll(async () => {
		await Promise.all([a?.close(), b?.close(), c?.close()]);
	});

	it('content written on A and on B resolves to the right person on C', async () => {
		// Server A: Cora coaches Ada; both write.
		const coachA = await signup(a, 'Cora Coach', uniqueEmail('cora-a'));
		const adaA = (await invite(a, coachA.http, { name: 'Ada Lovelace', email: adaEmail }))!;
		await say(a, coachA.http, adaA.engagementId, coachA.user.id, 'coach on A');
		await say(a, adaA.http, adaA.engagementId, adaA.userId, 'ada on A');
		const fromA = await exportFrom(a, {
			http: coachA.http,
			user: { ...coachA.user, email: 'cora-a@example.com', role: 'coach' }
		});

		// Server B: both have new accounts; they write more.
		const onB = await moveTo(b, fromA, { coach: 'Cora on B', email: adaEmail });
		await say(b, onB.coach.http, onB.engagementId, onB.coach.user.id, 'coach on B');
		await say(b, onB.client.http, onB.engagementId, onB.client.id, 'ada on B');
		const fromB = await exportFrom(b, onB.coach);
		const manifestB = JSON.parse(strFromU8(unzipSync(fromB)['manifest.json']!)) as ExportManifest;
		expect(manifestB.version).toBe(2);
		expect(manifestB.engagements[0]!.coach.formerIds).toEqual([coachA.user.id]);
		expect(manifestB.engagements[0]!.client.formerIds).toEqual([adaA.userId]);

		// Server C: the third accounts learn every earlier id, newest hop first.
		const onC = await moveTo(c, fromB, { coach: 'Cora on C', email: adaEmail });
		const expected = {
			coach: [onB.coach.user.id, coachA.user.id],
			client: [onB.client.id, adaA.userId]
		};
		for (const http of [onC.coach.http, onC.client.http]) {
			const listed = (await engagementsOf(http)).find((e) => e.id === onC.engagementId)!;
			expect({ coach: listed.coach.formerIds, client: listed.client.formerIds }).toEqual(expected);
		}

		// Every message, whichever server it was written on, names the right person on C.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, await readState(c, onC.client.http, `eng:${onC.engagementId}`));
		const messages = eng.listMessages(doc);
		expect(messages.map((m) => m.text)).toEqual([
			'coach on A',
			'ada on A',
			'coach on B',
			'ada on B'
		]);
		const seenBy = async (http: HttpClient, viewerId: string) => {
			const listed = (await engagementsOf(http)).find((e) => e.id === onC.engagementId)!;
			const people = new EngagementPeople(listed, viewerId);
			return messages.map((m) => [m.text, people.nameOf(m.authorId), people.isMe(m.authorId)]);
		};
		expect(await seenBy(onC.client.http, onC.client.id)).toEqual([
			['coach on A', 'Cora on C', false],
			['ada on A', 'Ada Lovelace', true],
			['coach on B', 'Cora on C', false],
			['ada on B', 'Ada Lovelace', true]
		]);
		expect(await seenBy(onC.coach.http, onC.coach.user.id)).toEqual([
			['coach on A', 'Cora on C', true],
			['ada on A', 'Ada Lovelace', false],
			['coach on B', 'Cora on C', true],
			['ada on B', 'Ada Lovelace', false]
		]);
	}, 180_000);
});
