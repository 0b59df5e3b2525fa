import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { membershipFixture, ORIGIN } from '../memberships/membership-fixture.testing';
import { createDataImport } from './create-data-import';

let fixture: ReturnType<typeof membershipFixture>;
afterEach(() => fixture?.cleanup());

interface SourceEngagement {
	id: string;
	email: string;
	status?: string;
	clientId?: string;
	/** Version 2's formerIds of each side; a version 1 manifest when absent. */
	former?: { coach: string[]; client: string[] };
}

function exportZip(clients: SourceEngagement[]): Uint8Array {
	const files: Record<string, Uint8Array> = {};
	const engagements = clients.map((c) => {
		const doc = new Y.Doc();
		doc.getArray('messages').push([{ id: c.id, text: `hello ${c.id}` }]);
		files[`clients/${c.id}/eng.yjs`] = Y.encodeStateAsUpdate(doc);
		files[`clients/${c.id}/sub.yjs`] = Y.encodeStateAsUpdate(new Y.Doc());
		return {
			id: c.id,
			status: c.status ?? 'active',
			client: {
				id: c.clientId ?? null,
				name: `Client ${c.id}`,
				email: c.email,
				...(c.former ? { formerIds: c.former.client } : {})
			},
			...(c.former ? { coach: { id: 'old-coach', name: 'Old', formerIds: c.former.coach } } : {}),
			docs: { shared: `clients/${c.id}/eng.yjs`, subscription: `clients/${c.id}/sub.yjs` }
		};
	});
	const manifest = {
		format: 'tandem-export',
		version: clients.some((c) => c.former) ? 2 : 1,
		user: { id: 'old-coach', name: 'Old', email: 'old@example.com', role: 'coach' },
		coachDoc: null,
		engagements
	};
	return zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), ...files });
}

describe('ImportService', () => {
	it('imports every engagement, an address that belongs to a coach included (accounts stay undiscoverable)', async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		await fixture.account('coach', 'Other Coach', 'othercoach@example.com');
		const importer = createDataImport(fixture);
		const zip = exportZip([
			{ id: 'a', email: 'othercoach@example.com' },
			{ id: 'b', email: 'bea@example.com' }
		]);
		const result = await importer.import(coach, zip, ORIGIN);
		expect(result.ok).toBe(true);
		const [a, b] = result.ok ? result.value.engagements : [];
		// Only the address's owner, opening the link, learns a coach cannot join as a client.
		expect(a).toMatchObject({ sourceId: 'a', status: 'pending' });
		expect(b).toMatchObject({ sourceId: 'b', status: 'pending' });
		const restored = fixture.docs.docs.get(`eng:${b!.engagementId}`)!;
		expect(restored.getArray('messages').toJSON()).toEqual([{ id: 'b', text: 'hello b' }]);
	});

	it('two imports of the same file at once create one set of engagements and invitations', async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		const importer = createDataImport(fixture);
		const zip = exportZip([
			{ id: 'a', email: 'ada@example.com' },
			{ id: 'g', email: 'grace@example.com', status: 'ended' }
		]);
		const [first, second] = await Promise.all([
			importer.import(coach, zip, ORIGIN),
			importer.import(coach, zip, ORIGIN)
		]);
		const statuses = (r: typeof first) => (r.ok ? r.value.engagements.map((e) => e.status) : []);
		expect(statuses(first)).toEqual(['pending', 'ended']);
		expect(statuses(second)).toEqual(['existing', 'existing']);
		expect(fixture.invites.list(coach)).toHaveLength(1);
		expect(fixture.mailer.sent.map((m) => m.to)).toEqual(['ada@example.com']);
		const engagements = fixture.memberships.list(coach).engagements;
		expect(engagements.map((e) => e.status).sort()).toEqual(['ended', 'pending']);
	});

	it("records the exporting server's coach and client ids as the engagement's former ids", async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		const importer = createDataImport(fixture);
		const formerIds = () =>
			fixture.memberships
				.list(coach)
				.engagements.map((e) => [e.client.email, e.coach.formerIds, e.client.formerIds]);
		// No client id in the first file (as if from an older export): only the coach alias.
		await importer.import(coach, exportZip([{ id: 'a', email: 'ada@example.com' }]), ORIGIN);
		expect(formerIds()).toEqual([['ada@example.com', ['old-coach'], []]]);
		// Importing again with the client's id fills it in; nothing else changes.
		const again = exportZip([{ id: 'a', email: 'ada@example.com', clientId: 'old-ada' }]);
		await importer.import(coach, again, ORIGIN);
		expect(formerIds()).toEqual([['ada@example.com', ['old-coach'], ['old-ada']]]);
	});

	it("never shows a current account's id as an alias (a crafted manifest cannot swap people)", async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		const importer = createDataImport(fixture);
		// The file claims the importing coach's own id was the client's.
		await importer.import(
			coach,
			exportZip([{ id: 'a', email: 'ada@example.com', clientId: coach.id }]),
			ORIGIN
		);
		const [listed] = fixture.memberships.list(coach).engagements;
		expect(listed?.client.formerIds).toEqual([]);
		expect(listed?.coach.formerIds).toEqual(['old-coach']);
	});

	it("records every earlier server's ids too (a chain of imports), each only once", async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		const importer = createDataImport(fixture);
		const formerIds = () =>
			fixture.memberships
				.list(coach)
				.engagements.map((e) => [e.coach.formerIds, e.client.formerIds]);
		const moved = (former: { coach: string[]; client: string[] }) =>
			exportZip([{ id: 'a', email: 'ada@example.com', clientId: 'old-ada', former }]);
		await importer.import(coach, moved({ coach: ['first-coach'], client: ['first-ada'] }), ORIGIN);
		expect(formerIds()).toEqual([
			[
				['old-coach', 'first-coach'],
				['old-ada', 'first-ada']
			]
		]);
		// A later export of the same history knows one more hop: added, nothing repeated.
		const longer = { coach: ['first-coach', 'zeroth-coach'], client: ['first-ada'] };
		await importer.import(coach, moved(longer), ORIGIN);
		expect(formerIds()).toEqual([
			[
				['old-coach', 'first-coach', 'zeroth-coach'],
				['old-ada', 'first-ada']
			]
		]);
		// A crafted chain cannot claim the importing coach's own id for the client.
		await importer.import(coach, moved({ coach: [], client: [coach.id] }), ORIGIN);
		expect(formerIds()[0]![1]).toEqual(['old-ada', 'first-ada']);
	});

	it('deletes the earlier ids with the engagement they belong to', async () => {
		fixture = membershipFixture();
		const coach = await fixture.account('coach', 'Cora', 'cora@example.com');
		const importer = createDataImport(fixture);
		const former = { coach: ['first-coach'], client: ['first-ada'] };
		await importer.import(
			coach,
			exportZip([{ id: 'a', email: 'ada@example.com', former }]),
			ORIGIN
		);
		const count = () =>
			(fixture.db.prepare('SELECT COUNT(*) AS n FROM import_aliases').get() as { n: number }).n;
		expect(count()).toBe(2);
		fixture.db.prepare('DELETE FROM engagements').run();
		expect(count()).toBe(0);
	});
});
