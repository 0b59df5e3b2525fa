import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// The project's own eslint.config.js, with only the import-direction rule running. The fixtures
// are not files on disk, so the type-aware parser setup is switched off (the rule needs no types).
const eslint = new ESLint({
	cwd: root,
	overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
	ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports'
});

async function messagesFor(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
	return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);
}

const svelte = (imports: string) => `<script lang="ts">\n${imports}\n</script>\n`;

describe('import direction (eslint.config.js)', () => {
	it('refuses a component importing local/', async () => {
		const messages = await messagesFor(
			'src/lib/components/notes/fixture.svelte',
			svelte(`\timport { searchNotes } from '$lib/local/indexers/queries';\n\tvoid searchNotes;`)
		);
		expect(messages).toEqual([
			expect.stringContaining(
				'Components import state/, domain/, api/ types and ui only: reach local/'
			)
		]);
	});

	it('refuses calls/ and editor/ importing state/', async () => {
		const fromCalls = await messagesFor(
			'src/lib/calls/fixture.ts',
			`import { SyncStatus } from '../state/app/sync-status.svelte';\nvoid SyncStatus;\n`
		);
		const fromEditor = await messagesFor(
			'src/lib/editor/fixture.ts',
			`import { Presence } from '$lib/state/notes/presence.svelte';\nvoid Presence;\n`
		);
		expect(fromCalls).toEqual([expect.stringContaining('calls/ sits below state/')]);
		expect(fromEditor).toEqual([expect.stringContaining('editor/ sits below state/')]);
	});

	it('refuses state/ importing components/, domain/ importing upward, browser code importing server code', async () => {
		const fromState = await messagesFor(
			'src/lib/state/notes/fixture.ts',
			`import Alert from '../../components/ui/alert.svelte';\nvoid Alert;\n`
		);
		const fromDomain = await messagesFor(
			'src/lib/domain/fixture.ts',
			`import { LiveQuery } from '../state/app/live-query.svelte';\nvoid LiveQuery;\n`
		);
		const fromPage = await messagesFor(
			'src/routes/(app)/fixture/+page.svelte',
			svelte(`\timport { useServices } from '$lib/server/services';\n\tvoid useServices;`)
		);
		expect(fromState).toEqual([expect.stringContaining('state/ must not import components/')]);
		expect(fromDomain).toEqual([expect.stringContaining('domain/ is the bottom layer')]);
		expect(fromPage).toEqual([expect.stringContaining('Browser code must not import server code')]);
	});

	it('accepts imports that go the right way', async () => {
		const component = await messagesFor(
			'src/lib/components/notes/fixture.svelte',
			svelte(
				[
					`\timport { IndexedNotes } from '$lib/state/notes/indexed-notes.svelte';`,
					`\timport { presenceColor } from '$lib/domain/presence';`,
					`\timport { coachDocName } from '$lib/sync/protocol';`,
					`\timport type { NoteRow } from '$lib/local/db';`,
					`\timport Alert from '../ui/alert.svelte';`,
					`\tlet { row }: { row: NoteRow } = $props();`,
					`\tvoid [IndexedNotes, presenceColor, coachDocName, Alert, row];`
				].join('\n')
			)
		);
		const call = await messagesFor(
			'src/lib/calls/fixture.ts',
			`import { parseDocName } from '../sync/protocol';\nimport { presenceColor } from '../domain/presence';\nvoid [parseDocName, presenceColor];\n`
		);
		const endpoint = await messagesFor(
			'src/routes/api/fixture/+server.ts',
			`import { useServices } from '$lib/server/services';\nvoid useServices;\n`
		);
		expect(component).toEqual([]);
		expect(call).toEqual([]);
		expect(endpoint).toEqual([]);
	});
});
