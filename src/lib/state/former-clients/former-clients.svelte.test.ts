import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildActor, steppingClock } from '../../../../tests/factories/actors';
import { observe } from '../../../../tests/factories/observe.svelte';
import * as coachDoc from '../../docs/coach-doc';
import { MemoryDocStorage } from '../../local/doc-persistence.testing';
import { DocRegistry } from '../../local/doc-registry';
import type { EngagementSummary } from '../../api/engagements';
import { TestNetwork } from '../../sync/network.testing';
import { SyncHub } from '../../sync/transport.testing';
import { formerClientLabel, formerClientsFrom, knownEngagements } from './former-client';
import { FormerClients } from './former-clients.svelte';

const COACH = 'coach-1';

function engagement(id: string, status: EngagementSummary['status'], name: string) {
	return {
		id,
		status,
		coach: { id: COACH, name: 'Carla' },
		client: { id: `client-${id}`, name, email: `${id}@example.com` },
		docs: { shared: `eng:${id}`, subscription: `sub:${id}` }
	} satisfies EngagementSummary;
}

function coachWithNotes() {
	const doc = new Y.Doc();
	coachDoc.migrate(doc);
	const actor = buildActor(COACH, { now: steppingClock(Date.UTC(2026, 2, 1, 9), 60_000) });
	const write = (engagementId: string, title: string) => {
		const created = coachDoc.setPrivateNote(doc, actor, { engagementId, title, text: title });
		if (!created.ok) {
			throw new Error(created.message);
		}
		return created.value;
	};
	return { doc, actor, write };
}

const titles = (client: { notes: readonly { title: string }[] } | null | undefined) =>
	client?.notes.map((n) => n.title);

describe('formerClientsFrom', () => {
	it('keeps ended, closed and unknown engagements with private notes, newest note first', () => {
		const { doc, write } = coachWithNotes();
		write('eng-active', 'Current client');
		write('eng-pending', 'Before they accept');
		write('eng-ended', 'Wrap-up');
		write('eng-gone', 'Intake');
		write('eng-closed', 'Last session');
		write('eng-gone', 'Follow-up');
		const list = [
			engagement('eng-active', 'active', 'Ada'),
			engagement('eng-pending', 'pending', 'Pia'),
			engagement('eng-ended', 'ended', 'Eve'),
			engagement('eng-closed', 'closed', 'Cody'),
			engagement('eng-empty', 'ended', 'No Notes')
		];
		const former = formerClientsFrom(coachDoc.listAllPrivateNotes(doc), list);
		expect(former.map((c) => [c.engagementId, c.name, c.status])).toEqual([
			['eng-gone', null, 'unknown'],
			['eng-closed', 'Cody', 'closed'],
			['eng-ended', 'Eve', 'ended']
		]);
		expect(titles(former[0])).toEqual(['Follow-up', 'Intake']);
		expect(former[0]?.newestAt).toBe(former[0]?.notes[0]?.updatedAt);
	});

	it('labels a client nothing here names by the date of the newest note', () => {
		const { doc, write } = coachWithNotes();
		write('eng-gone', 'Intake');
		const [gone] = formerClientsFrom(coachDoc.listAllPrivateNotes(doc), [
			engagement('eng-blank', 'closed', '  ')
		]);
		const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
		expect(gone && formerClientLabel(gone, day)).toBe('Deleted client (last note: 2026-03-01)');
		write('eng-blank', 'Blank name');
		const blank = formerClientsFrom(coachDoc.listAllPrivateNotes(doc), [
			engagement('eng-blank', 'closed', '  ')
		]).find((c) => c.engagementId === 'eng-blank');
		expect(blank?.name).toBeNull();
		const named = { ...blank!, name: 'Eve' };
		expect(formerClientLabel(named, day)).toBe('Eve');
	});
});

describe('FormerClients', () => {
	it('follows the document: new notes, edits and deletions show up in readers', () => {
		const { doc, actor, write } = coachWithNotes();
		const former = new FormerClients({ doc, engagements: () => [] });
		const seen = observe(() => former.all.map((c) => `${c.engagementId}:${c.notes.length}`));
		const first = write('eng-a', 'A1');
		flushSync();
		write('eng-b', 'B1');
		flushSync();
		coachDoc.touchPrivateNote(doc, actor, { noteId: first });
		flushSync();
		coachDoc.deletePrivateNote(doc, actor, { noteId: first });
		flushSync();
		seen.stop();
		expect(seen.values).toEqual([
			[],
			['eng-a:1'],
			['eng-b:1', 'eng-a:1'],
			['eng-a:1', 'eng-b:1'],
			['eng-b:1']
		]);
		expect(former.byId('eng-a')).toBeNull();
		expect(titles(former.byId('eng-b'))).toEqual(['B1']);
	});

	it('counts nobody until the engagement list is known, then follows the list', () => {
		const { doc, write } = coachWithNotes();
		write('eng-a', 'About Ada');
		let list = $state<EngagementSummary[] | null>(null);
		const former = new FormerClients({ doc, engagements: () => list });
		const seen = observe(() => former.count);
		list = [engagement('eng-a', 'active', 'Ada')];
		flushSync();
		list = [engagement('eng-a', 'ended', 'Ada')];
		flushSync();
		seen.stop();
		expect(seen.values).toEqual([0, 0, 1]);
		expect(former.byId('eng-a')?.name).toBe('Ada');
	});

	it('reads the document fresh outside a reactive context', () => {
		const { doc, write } = coachWithNotes();
		const former = new FormerClients({ doc, engagements: () => [] });
		expect(former.count).toBe(0);
		write('eng-a', 'About Ada');
		expect(former.count).toBe(1);
	});
});

describe('knownEngagements', () => {
	it('is null until a list was saved or fetched', () => {
		const ada = engagement('eng-a', 'active', 'Ada');
		expect(knownEngagements({ all: [], coachDoc: undefined })).toBeNull();
		expect(knownEngagements({ all: [], coachDoc: 'coach:coach-1' })).toEqual([]);
		expect(knownEngagements({ all: [ada], coachDoc: undefined })).toEqual([ada]);
	});
});

describe('FormerClients through registry.view', () => {
	const registries: DocRegistry[] = [];
	afterEach(async () => {
		await Promise.all(registries.splice(0).map((r) => r.destroy()));
	});

	function registry(storage: MemoryDocStorage) {
		// Never connecting: the view must work from this device's copy alone.
		const created = new DocRegistry({
			userId: COACH,
			persistence: storage.open,
			transport: (name, doc, awareness) => new SyncHub().connect(name, doc, awareness),
			network: new TestNetwork(),
			idleGraceMs: 0,
			localOnly: () => true
		});
		registries.push(created);
		return created;
	}

	it("lists the notes from the device's copy of coach:, also after a reload", async () => {
		const storage = new MemoryDocStorage();
		const first = registry(storage);
		const handle = first.open(`coach:${COACH}`);
		await handle.whenLoaded;
		const actor = buildActor(COACH);
		coachDoc.setPrivateNote(handle.doc, actor, { engagementId: 'eng-a', title: 'Kept', text: '' });
		handle.release();
		await first.destroy();

		const reloaded = registry(storage);
		const states: (FormerClients | null)[] = [];
		const view = reloaded.view(
			`coach:${COACH}`,
			(doc) => new FormerClients({ doc, engagements: () => [] })
		);
		void view.ready.then((former) => states.push(former));
		await expect.poll(() => states.length).toBe(1);
		expect(states[0]?.all.map((c) => [c.engagementId, titles(c)])).toEqual([['eng-a', ['Kept']]]);
		view.close();
		states.push(view.current);
		expect(states.at(-1)).toBeNull();
	});

	it('hands nothing over when torn down before the copy loaded', async () => {
		const states: (FormerClients | null)[] = [];
		const opened = registry(new MemoryDocStorage());
		const view = opened.view(
			`coach:${COACH}`,
			(doc) => new FormerClients({ doc, engagements: () => [] })
		);
		const ready = view.ready.then((former) => states.push(former));
		view.close();
		// Once the copy has loaded (for a later reader), the torn-down view still got nothing.
		const later = opened.open(`coach:${COACH}`);
		await later.whenLoaded;
		later.release();
		await ready;
		expect(states).toEqual([null]);
	});
});
