import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../server/data-import/export-manifest';
import { buildExport, type ExportEngagement, type ExportManifest } from './build-export';
import { sampleInput, samplePractice } from './export-sample.testing';

/**
 * An account that was itself imported: the documents name the ids of the earlier server
 * ('u-coach', 'u-ada'), the engagement list names the new ones with those as formerIds.
 */
function movedPractice(aliases: { coach: string[]; client: string[] } | null) {
	const practice = samplePractice();
	const user = { ...practice.coach, id: 'u-coach-b' };
	const engagements = practice.engagements.map((e, i): ExportEngagement => ({
		...e,
		coach: { ...e.coach, id: user.id, ...(aliases ? { formerIds: aliases.coach } : {}) },
		client: {
			...e.client,
			id: `${e.client.id}-b`,
			// Only Ada's engagement moved with aliases; Grace's has none to carry.
			...(aliases && i === 0 ? { formerIds: aliases.client } : {})
		}
	}));
	const entries = buildExport({ ...sampleInput(practice, practice.coach), user, engagements });
	const text = (path: string) =>
		new TextDecoder().decode(entries.find((e) => e.path === path)?.data);
	return { entries, text, manifest: JSON.parse(text('manifest.json')) as ExportManifest };
}

const chatAuthors = (markdown: string) =>
	marked
		.lexer(markdown)
		.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3)
		.map((h) => h.text.split(' · ')[0]);

describe('buildExport carries identity aliases (manifest version 2)', () => {
	it('writes each side’s formerIds, without repeats or the current id, [] when none', () => {
		const { manifest } = movedPractice({
			coach: ['u-coach', 'u-coach-b'],
			client: ['u-ada', 'u-ada-first', 'u-ada']
		});
		expect(manifest.version).toBe(2);
		const [ada, grace] = manifest.engagements;
		expect(ada?.coach).toMatchObject({ id: 'u-coach-b', formerIds: ['u-coach'] });
		expect(ada?.client).toMatchObject({ id: 'u-ada-b', formerIds: ['u-ada', 'u-ada-first'] });
		expect(grace?.client.formerIds).toEqual([]);
	});

	it('names the authors of history written under former ids in the readable files', () => {
		const moved = movedPractice({ coach: ['u-coach'], client: ['u-ada'] });
		const folder = moved.manifest.engagements[0]!.folder;
		expect(chatAuthors(moved.text(`clients/${folder}/chat.md`))).toEqual([
			'Cora Coach',
			'Ada Lovelace',
			'Cora Coach'
		]);
		// Without the aliases the same history only has the raw ids to show.
		const bare = movedPractice(null);
		expect(chatAuthors(bare.text(`clients/${folder}/chat.md`))).toEqual([
			'u-coach',
			'u-ada',
			'u-coach'
		]);
	});

	it('an alias never renames the other side: a current id keeps its own name', () => {
		const practice = samplePractice();
		// A crafted list claims Ada's current id as one of the coach's former ids.
		const engagements = practice.engagements.map((e) => ({
			...e,
			coach: { ...e.coach, formerIds: [e.client.id!] }
		}));
		const entries = buildExport({ ...sampleInput(practice, practice.coach), engagements });
		const chat = entries.find((e) => e.path === 'clients/ada-lovelace-eng10000/chat.md')!;
		expect(chatAuthors(new TextDecoder().decode(chat.data))).toEqual([
			'Cora Coach',
			'Ada Lovelace',
			'Cora Coach'
		]);
	});

	it('the importer reads the manifest back with the aliases as earlier ids', () => {
		const { manifest } = movedPractice({ coach: ['u-coach'], client: ['u-ada'] });
		const parsed = parseManifest(manifest);
		expect(parsed.ok && parsed.value.engagements.map((e) => [e.sourceIds, e.earlierIds])).toEqual([
			[
				{ coach: 'u-coach-b', client: 'u-ada-b' },
				{ coach: ['u-coach'], client: ['u-ada'] }
			],
			[
				{ coach: 'u-coach-b', client: 'u-grace-b' },
				{ coach: ['u-coach'], client: [] }
			]
		]);
	});
});
