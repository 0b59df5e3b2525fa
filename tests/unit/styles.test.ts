import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The rule of docs/architecture.md, "UI primitives": design tokens live in src/app.css, and the
// shared looks (card, list row, list, badge, form control) live once in src/lib/components/ui/.
// A component's own <style> keeps only what is truly its own.

const root = path.resolve(import.meta.dirname, '../..');
const uiFolder = 'src/lib/components/ui/';

function svelteFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.svelte'))
		.map((name) => path.posix.join(folder, name.split(path.sep).join('/')));
}

/** Each CSS rule of a file's <style> block: its selector and its declarations, one per line. */
function rulesOf(file: string): { file: string; selector: string; body: string }[] {
	const source = readFileSync(path.join(root, file), 'utf8');
	const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '';
	const rules: { file: string; selector: string; body: string }[] = [];
	for (const match of style.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
		rules.push({ file, selector: match[1]!.trim(), body: match[2]! });
	}
	return rules;
}

/** Boxes and lists that look like the shared ones but behave as their own thing, and why. */
const OWN: Record<string, string> = {
	'src/lib/components/chat/chat-panel.svelte: .message': 'a chat bubble, mine on the other side',
	'src/lib/components/chat/chat-panel.svelte: .messages': 'the message log scrolls on its own',
	'src/lib/components/notes/note-editor.svelte: .surface :global(.note-body)':
		'the editing surface ProseMirror owns',
	'src/lib/components/scheduling/slot-picker.svelte: .confirm':
		'a bar that sticks to the bottom while slots scroll'
};

const components = svelteFiles('src');
const rules = components.flatMap(rulesOf);
const outsideUi = rules.filter(
	(rule) => !rule.file.startsWith(uiFolder) && !(`${rule.file}: ${rule.selector}` in OWN)
);
const where = (found: typeof rules) => found.map((rule) => `${rule.file}: ${rule.selector}`);

describe('design tokens and ui primitives', () => {
	it('finds the components it checks (guards against a wrong path)', () => {
		expect(components.length).toBeGreaterThan(50);
		expect(rules.length).toBeGreaterThan(200);
	});

	it('names no colour literally outside src/app.css', () => {
		const literal = /#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/i;
		expect(where(rules.filter((rule) => literal.test(rule.body)))).toEqual([]);
	});

	it('uses the radius tokens (or a circle) for every rounded corner', () => {
		const rounded = rules.filter((rule) =>
			[...rule.body.matchAll(/border-radius:([^;]+);/g)].some(
				([, value]) => !/^(\s*(var\(--radius[a-z-]*\)|0))+\s*$|^\s*50%\s*$/.test(value!)
			)
		);
		expect(where(rounded)).toEqual([]);
	});

	it('declares the bordered row box only in ui/ (card.svelte, list-row.svelte)', () => {
		const box = outsideUi.filter(
			(rule) =>
				rule.body.includes('border: 1px solid var(--color-border)') &&
				rule.body.includes('border-radius: var(--radius)') &&
				/padding: var\(--space-[234]\)/.test(rule.body)
		);
		expect(where(box)).toEqual([]);
	});

	it('resets a list into a spaced grid only in ui/list.svelte', () => {
		const reset = outsideUi.filter(
			(rule) =>
				rule.body.includes('list-style: none') &&
				/padding: 0;/.test(rule.body) &&
				rule.body.includes('display: grid')
		);
		expect(where(reset)).toEqual([]);
	});

	it('draws pills (badges) only in ui/badge.svelte', () => {
		const pills = outsideUi.filter(
			(rule) =>
				/var\(--radius-pill\)|999px/.test(rule.body) && !/position:\s*absolute/.test(rule.body)
		);
		expect(where(pills)).toEqual([]);
	});

	it('styles text controls in one place (app.css), not per component', () => {
		const controls = rules.filter(
			(rule) =>
				/(^|[\s,>])(input|select|textarea)\b/.test(rule.selector) &&
				/\bborder(-color)?:/.test(rule.body) &&
				!/\[aria-pressed/.test(rule.selector)
		);
		expect(where(controls)).toEqual([]);
	});

	it('keeps one .visually-hidden (app.css)', () => {
		expect(where(rules.filter((rule) => /\.visually-hidden\b/.test(rule.selector)))).toEqual([]);
	});
});
