import { parse } from 'csv-parse/sync';
import { unzipSync, zipSync } from 'fflate';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createActor } from '../docs/actor';
import * as coachDoc from '../docs/coach-doc';
import * as eng from '../docs/engagement-doc';
import { buildExport, type ExportEntry, type ExportManifest } from './build-export';
import { PRIVATE_SECRET, sampleInput, samplePractice } from './export-sample.testing';

const decoder = new TextDecoder();
const byPath = (entries: ExportEntry[]) =>
	new Map(entries.map((entry) => [entry.path, decoder.decode(entry.data)]));
const manifestOf = (entries: ExportEntry[]) =>
	JSON.parse(byPath(entries).get('manifest.json') ?? 'null') as ExportManifest;

describe('buildExport for a coach', () => {
	const practice = samplePractice();
	const entries = buildExport(sampleInput(practice, practice.coach));
	const files = byPath(entries);
	const manifest = manifestOf(entries);

	it('lays out a folder per client, the coach document and the private notes', () => {
		expect(manifest).toMatchObject({ format: 'tandem-export', version: 2, coachDoc: 'coach.yjs' });
		expect(manifest.engagements.map((e) => e.folder)).toEqual([
			'ada-lovelace-eng10000',
			'grace-hopper-eng20000'
		]);
		expect([...files.keys()].sort()).toEqual(
			[
				'manifest.json',
				'coach.yjs',
				'private-notes/ada-lovelace-eng10000/intake.md',
				'private-notes/grace-hopper-eng20000/intake.md',
				...['ada-lovelace-eng10000', 'grace-hopper-eng20000'].flatMap((f) =>
					[
						'chat.md',
						'notes/week-1-plan.md',
						'goals.json',
						'sessions.csv',
						'eng.yjs',
						'sub.yjs'
					].map((name) => `clients/${f}/${name}`)
				)
			].sort()
		);
	});

	it('lists every other file in the manifest with its size', () => {
		const listed = manifest.files.map((f) => [f.path, f.bytes]);
		const actual = entries
			.filter((e) => e.path !== 'manifest.json')
			.map((e) => [e.path, e.data.length]);
		expect(listed).toEqual(actual);
	});

	it('writes the raw documents so a stock Yjs client reads the same content', () => {
		const raw = entries.find((e) => e.path === manifest.engagements[0]?.docs.shared);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, raw?.data ?? new Uint8Array());
		expect(eng.listMessages(doc).map((m) => m.text)).toEqual([
			'Hello, welcome!',
			'Hi, *glad* to start.\n\nSecond paragraph',
			'# not a heading'
		]);
	});

	it('writes the chat as Markdown with names and ISO times, one quoted message each', () => {
		const chat = files.get('clients/ada-lovelace-eng10000/chat.md') ?? '';
		const tokens = marked.lexer(chat);
		const headings = tokens.filter(
			(t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3
		);
		expect(headings.map((h) => h.text)).toEqual([
			'Cora Coach · 2026-03-01T09:01:00.000Z',
			'Ada Lovelace · 2026-03-01T09:01:00.000Z',
			'Cora Coach · 2026-03-01T09:02:00.000Z'
		]);
		const quotes = tokens.filter((t): t is Tokens.Blockquote => t.type === 'blockquote');
		expect(quotes.map((q) => q.text)).toEqual([
			'Hello, welcome!',
			'Hi, *glad* to start.\n\nSecond paragraph',
			'# not a heading'
		]);
	});

	it('writes a shared note with its formatting and comments', () => {
		const note = files.get('clients/ada-lovelace-eng10000/notes/week-1-plan.md') ?? '';
		const html = marked.parse(note) as string;
		expect(html).toContain('<h1>Week 1, plan</h1>');
		expect(html).toContain('<h2>Plan</h2>');
		expect(html).toContain('<strong>daily</strong>');
		expect(html).toContain('<a href="https://ex.com/g">guide</a>');
		expect(html).toMatch(/<ul>\s*<li>Sleep<\/li>\s*<li><em>Water<\/em><\/li>\s*<\/ul>/);
		expect(html).toContain('<strong>Ada Lovelace</strong>');
		expect(html).toContain('Sounds good, &quot;mostly&quot;');
	});

	it('writes goals as JSON and the session ledger as CSV', () => {
		const goals = JSON.parse(files.get('clients/ada-lovelace-eng10000/goals.json') ?? '{}');
		expect(goals.goals).toEqual([
			expect.objectContaining({
				title: 'Run 5k',
				dueDate: '2026-06-01',
				status: 'open',
				author: 'Ada Lovelace'
			})
		]);
		const rows = parse(files.get('clients/ada-lovelace-eng10000/sessions.csv') ?? '', {
			columns: true
		});
		expect(rows).toEqual([
			{
				date: '2026-03-02T09:00:00.000Z',
				kind: 'video',
				length_minutes: '45',
				outcome: 'completed',
				note: 'Talked about sleep, stress,\nand "rest days"'
			},
			{
				date: '2026-03-09T09:00:00.000Z',
				kind: 'phone',
				length_minutes: '',
				outcome: 'no-show',
				note: ''
			}
		]);
	});

	it('writes private notes under the client they are about', () => {
		expect(files.get('private-notes/grace-hopper-eng20000/intake.md')).toContain(
			`${PRIVATE_SECRET} (Grace Hopper)`
		);
	});

	it('still writes private notes about an engagement this device no longer lists', () => {
		const input = sampleInput(practice, practice.coach);
		const grace = input.engagements[1]!;
		const without = byPath(
			buildExport({ ...input, engagements: input.engagements.filter((e) => e !== grace) })
		);
		const orphaned = [...without.keys()].filter((path) => path.includes('former-client'));
		expect(orphaned).toHaveLength(1);
		expect(orphaned[0]).toMatch(/^private-notes\/former-client-[a-z0-9-]+\/intake\.md$/);
		expect(without.get(orphaned[0]!)).toContain('Private note about a former client');
		expect(without.get(orphaned[0]!)).toContain(PRIVATE_SECRET);
		// Listed engagements keep their own folder and never show up as former.
		expect(without.has('private-notes/ada-lovelace-eng10000/intake.md')).toBe(true);
		expect([...files.keys()].some((path) => path.includes('former-client'))).toBe(false);
	});
});

describe('buildExport for a client', () => {
	const practice = samplePractice();
	const ada = practice.clients[0]!;
	const entries = buildExport(sampleInput(practice, ada));

	it('contains only their own engagement and nothing of the coach document', () => {
		const manifest = manifestOf(entries);
		expect(manifest.coachDoc).toBeNull();
		expect(manifest.engagements.map((e) => e.folder)).toEqual(['cora-coach-eng10000']);
		expect(
			entries.every(
				(e) => e.path === 'manifest.json' || e.path.startsWith('clients/cora-coach-eng10000/')
			)
		).toBe(true);
	});

	it('holds no byte of the private notes, even zipped and unzipped', () => {
		const zip = zipSync(Object.fromEntries(entries.map((e) => [e.path, e.data])));
		const all = Object.values(unzipSync(zip));
		const secret = new TextEncoder().encode('suspects burnout');
		const contains = (data: Uint8Array) =>
			data.some((_, i) => secret.every((byte, j) => data[i + j] === byte));
		expect(all.some(contains)).toBe(false);
		// The check can fail: the coach's own export does hold those bytes.
		const coachFiles = buildExport(sampleInput(practice, practice.coach)).map((e) => e.data);
		expect(coachFiles.some(contains)).toBe(true);
	});
});

describe('buildExport of notes in the trash', () => {
	it('writes them apart under notes/trash and private-notes/<client>/trash, saying who deleted them', () => {
		const practice = samplePractice();
		const [ada] = practice.engagements;
		const states = practice.states.get(ada!.id)!;
		const shared = new Y.Doc();
		Y.applyUpdate(shared, states.shared!);
		const client = createActor({ userId: 'u-ada', now: () => Date.UTC(2026, 2, 20, 8) });
		const noteId = eng.createNote(shared, client, { title: 'Diary', text: 'Slept badly' });
		eng.trashNote(shared, client, { noteId: noteId.ok ? noteId.value : '' });
		const home = new Y.Doc();
		Y.applyUpdate(home, practice.coachState);
		const coach = createActor({ userId: 'u-coach' });
		const [intake] = coachDoc.listPrivateNotes(home, ada!.id);
		coachDoc.trashPrivateNote(home, coach, { noteId: intake!.id });
		const changed = {
			...practice,
			states: new Map(practice.states).set(ada!.id, {
				...states,
				shared: Y.encodeStateAsUpdate(shared)
			}),
			coachState: Y.encodeStateAsUpdate(home)
		};

		const files = byPath(buildExport(sampleInput(changed, changed.coach)));

		const diary = files.get('clients/ada-lovelace-eng10000/notes/trash/diary.md') ?? '';
		expect(diary).toContain('Slept badly');
		expect(diary).toContain('in the trash: deleted by Ada Lovelace 2026-03-20T08:00:00.000Z');
		expect(files.has('clients/ada-lovelace-eng10000/notes/diary.md')).toBe(false);
		expect(files.get('private-notes/ada-lovelace-eng10000/trash/intake.md')).toContain(
			'in the trash: deleted by Cora Coach'
		);
		expect(files.has('private-notes/ada-lovelace-eng10000/intake.md')).toBe(false);
		// The client's export carries the shared trash, never anything private.
		const ownFiles = byPath(buildExport(sampleInput(changed, changed.clients[0]!)));
		expect([...ownFiles.keys()].filter((path) => path.endsWith('/notes/trash/diary.md'))).toEqual([
			'clients/cora-coach-eng10000/notes/trash/diary.md'
		]);
		expect([...ownFiles.keys()].some((path) => path.startsWith('private-notes/'))).toBe(false);
	});
});

describe("buildExport with the coach's catalogue and availability", () => {
	const sample = samplePractice();
	const catalogue = {
		packages: [
			{
				name: 'Starter',
				sessionsTotal: 4,
				sessionMinutes: 50,
				priceCents: 40000,
				currency: 'EUR',
				noShowConsumesSession: true,
				selfBooking: false
			}
		],
		availability: null
	};

	it('writes them into a coach manifest as "practice"', () => {
		const input = { ...sampleInput(sample, sample.coach), practice: catalogue };
		expect(manifestOf(buildExport(input)).practice).toEqual(catalogue);
	});

	it('leaves them out of a client manifest and when they could not be read', () => {
		const ada = sample.clients[0]!;
		expect(
			manifestOf(buildExport({ ...sampleInput(sample, ada), practice: catalogue }))
		).not.toHaveProperty('practice');
		expect(manifestOf(buildExport(sampleInput(sample, sample.coach)))).not.toHaveProperty(
			'practice'
		);
	});
});
