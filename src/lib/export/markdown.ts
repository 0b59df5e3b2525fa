/*
 * ProseMirror JSON (what y-prosemirror reads out of a note body) to CommonMark. The note schema
 * (src/lib/editor/schema.ts) has paragraphs, headings, lists, hard breaks, bold, italic and links;
 * code marks, code blocks, blockquotes and rules are handled too because any stock Yjs editor
 * (TipTap, another ProseMirror app) may have written them into a shared note. Unknown blocks
 * keep their text so nothing a person wrote is lost from the readable copy.
 */

export interface RichMark {
	readonly type: string;
	readonly attrs?: Readonly<Record<string, unknown>>;
}

export interface RichNode {
	readonly type: string;
	readonly attrs?: Readonly<Record<string, unknown>>;
	readonly content?: readonly RichNode[];
	readonly text?: string;
	readonly marks?: readonly RichMark[];
}

// Outermost first: a link may hold bold text. Inline code is written as a whole span instead.
const MARK_ORDER = ['link', 'bold', 'strong', 'italic', 'em'];
const BREAKS = new Set(['hard_break', 'hardBreak']);

/** Backslash-escapes what CommonMark would read as syntax inside running text. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\\`*_[\]<>|#~]/g, '\\$&')
		.replace(/^(\s*)([-+=])/gm, '$1\\$2')
		.replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

function markRank(mark: RichMark): number {
	const rank = MARK_ORDER.indexOf(mark.type);
	return rank === -1 ? MARK_ORDER.length : rank;
}

function sameMark(a: RichMark | undefined, b: RichMark | undefined): boolean {
	return !!a && !!b && a.type === b.type && a.attrs?.href === b.attrs?.href;
}

function openMark(mark: RichMark): string {
	switch (mark.type) {
		case 'link':
			return '[';
		case 'bold':
		case 'strong':
			return '**';
		case 'italic':
		case 'em':
			return '_';
		default:
			return '';
	}
}

/**
 * http(s) and mailto only, like the editor's links: a `javascript:` href written into a note by
 * a foreign client must not become a live link in whatever renders the export. The raw href
 * stays in the .yjs file.
 */
function safeHref(value: unknown): string {
	if (typeof value !== 'string' || !/^(https?:|mailto:)/i.test(value.trim())) {
		return '#';
	}
	return value.trim().replace(/[<>\s]/g, encodeURIComponent);
}

function closeMark(mark: RichMark): string {
	return mark.type === 'link' ? `](<${safeHref(mark.attrs?.href)}>)` : openMark(mark);
}

/** A self-contained code span: its fence is longer than any backtick run inside it. */
function codeSpan(text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	// CommonMark strips one space on each side when both are there, so pad around backticks.
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	return fence + pad + text + pad + fence;
}

/** Inline content with marks opened and closed only where they change (no `**a****b**`). */
export function inlineToMarkdown(nodes: readonly RichNode[]): string {
	let out = '';
	let open: RichMark[] = [];
	let pending = '';
	for (const node of nodes) {
		if (BREAKS.has(node.type)) {
			out += pending + '\\\n';
			pending = '';
			continue;
		}
		const text = node.text ?? inlineText(node);
		const core = text.trim();
		if (core.length === 0) {
			pending += text;
			continue;
		}
		const isCode = (node.marks ?? []).some((m) => m.type === 'code');
		const marks = (node.marks ?? [])
			.filter((m) => m.type !== 'code')
			.sort((a, b) => markRank(a) - markRank(b));
		let keep = 0;
		while (keep < open.length && sameMark(open[keep], marks[keep])) {
			keep += 1;
		}
		out += open.slice(keep).reverse().map(closeMark).join('');
		const lead = text.slice(0, text.length - text.trimStart().length);
		out += pending + lead + marks.slice(keep).map(openMark).join('');
		out += isCode ? codeSpan(core) : escapeMarkdown(core);
		pending = text.slice(text.trimEnd().length);
		open = marks;
	}
	return out + [...open].reverse().map(closeMark).join('') + pending;
}

function inlineText(node: RichNode): string {
	return (node.content ?? []).map((child) => child.text ?? inlineText(child)).join('');
}

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line, i) => (i === 0 || line.length === 0 ? line : by + line))
		.join('\n');

function listStart(list: RichNode): number {
	const start = Number(list.attrs?.order ?? list.attrs?.start ?? 1);
	return Number.isInteger(start) && start >= 0 ? start : 1;
}

/**
 * A nested list follows its item's paragraph on the next line (a tight list), except an ordered
 * list not starting at 1: CommonMark would read that as more paragraph text.
 */
function tightBefore(block: RichNode): boolean {
	if (block.type === 'bullet_list' || block.type === 'bulletList') {
		return true;
	}
	const ordered = block.type === 'ordered_list' || block.type === 'orderedList';
	return ordered && listStart(block) === 1;
}

function listItem(item: RichNode, marker: string): string {
	const blocks = item.content ?? [];
	let body = '';
	blocks.forEach((block, i) => {
		body += (i === 0 ? '' : tightBefore(block) ? '\n' : '\n\n') + blockToMarkdown(block);
	});
	return marker + indent(body, ' '.repeat(marker.length));
}

function listToMarkdown(list: RichNode, ordered: boolean): string {
	const first = listStart(list);
	return (list.content ?? [])
		.map((item, i) => listItem(item, ordered ? `${first + i}. ` : '- '))
		.join('\n');
}

function codeBlock(node: RichNode): string {
	const text = inlineText(node);
	const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
	return `${fence}${language.replace(/[`\s]/g, '')}\n${text}\n${fence}`;
}

function heading(node: RichNode): string {
	const level = Math.min(6, Math.max(1, Math.floor(Number(node.attrs?.level) || 2)));
	// A heading is one line: a hard break inside one would end it early.
	return `${'#'.repeat(level)} ${inlineToMarkdown(node.content ?? []).replace(/\\\n/g, ' ')}`;
}

/** One block node (and its children) as Markdown, without trailing blank lines. */
export function blockToMarkdown(node: RichNode): string {
	switch (node.type) {
		case 'paragraph':
			return inlineToMarkdown(node.content ?? []);
		case 'heading':
			return heading(node);
		case 'bullet_list':
		case 'bulletList':
			return listToMarkdown(node, false);
		case 'ordered_list':
		case 'orderedList':
			return listToMarkdown(node, true);
		case 'code_block':
		case 'codeBlock':
			return codeBlock(node);
		case 'blockquote':
			return blocksToMarkdown(node.content ?? [])
				.split('\n')
				.map((line) => (line.length > 0 ? `> ${line}` : '>'))
				.join('\n');
		case 'horizontal_rule':
		case 'horizontalRule':
			return '---';
		default:
			return node.content ? blocksToMarkdown(node.content) : escapeMarkdown(node.text ?? '');
	}
}

/** Blocks separated by blank lines; empty paragraphs (spacing in the editor) are dropped. */
export function blocksToMarkdown(blocks: readonly RichNode[]): string {
	return blocks
		.map(blockToMarkdown)
		.filter((text) => text.trim().length > 0)
		.join('\n\n');
}
