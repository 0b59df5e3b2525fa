import * as Y from 'yjs';

/*
 * Note bodies are Y.XmlFragments laid out the way y-prosemirror binds them, so a ProseMirror or
 * TipTap editor can edit them directly: each child is a block Y.XmlElement named after its node
 * type ('paragraph', 'heading', ...) holding Y.XmlText; marks are text attributes named after
 * the mark ('bold', 'italic') whose value is the mark's attrs object ({} for plain marks).
 * The helpers below edit paragraphs for callers without an editor (server, tests, fuzzing).
 */

export const PARAGRAPH = 'paragraph';
export type Mark = 'bold' | 'italic';

// Inline nodes that sit inside a block; everything else is treated as a block of its own.
const INLINE_NODES = new Set(['hard_break', 'hardBreak', 'image', 'mention']);

function deltaText(node: Y.XmlText): string {
	let out = '';
	for (const op of node.toDelta() as { insert?: unknown }[]) {
		if (typeof op.insert === 'string') {
			out += op.insert;
		}
	}
	return out;
}

function elementText(element: Y.XmlElement | Y.XmlFragment): string {
	let out = '';
	for (const child of element.toArray()) {
		if (child instanceof Y.XmlText) {
			out += deltaText(child);
		} else if (child instanceof Y.XmlElement) {
			const isBreak = child.nodeName === 'hard_break' || child.nodeName === 'hardBreak';
			if (isBreak) {
				out += '\n';
			} else if (INLINE_NODES.has(child.nodeName)) {
				out += elementText(child);
			} else {
				out += (out.length > 0 ? '\n' : '') + elementText(child);
			}
		}
	}
	return out;
}

/** The text of a body with blocks separated by '\n' and all formatting dropped: for search. */
export function richTextToPlain(fragment: Y.XmlFragment): string {
	return fragment
		.toArray()
		.map((child) => {
			if (child instanceof Y.XmlText) {
				return deltaText(child);
			}
			return child instanceof Y.XmlElement ? elementText(child) : '';
		})
		.join('\n');
}

function newParagraph(fragment: Y.XmlFragment, index: number, text: string): void {
	const paragraph = new Y.XmlElement(PARAGRAPH);
	fragment.insert(index, [paragraph]);
	const run = new Y.XmlText();
	paragraph.insert(0, [run]);
	if (text.length > 0) {
		run.insert(0, text);
	}
}

/** Replaces the whole body with one paragraph per line of `text`. */
export function replaceWithPlain(fragment: Y.XmlFragment, text: string): void {
	if (fragment.length > 0) {
		fragment.delete(0, fragment.length);
	}
	const lines = text.length > 0 ? text.split('\n') : [];
	lines.forEach((line, index) => newParagraph(fragment, index, line));
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(Math.floor(value), max));

/** Inserts a paragraph at `index` (clamped into range). */
export function insertParagraph(fragment: Y.XmlFragment, index: number, text: string): void {
	newParagraph(fragment, clamp(index, fragment.length), text);
}

export function removeParagraph(fragment: Y.XmlFragment, index: number): boolean {
	if (index < 0 || index >= fragment.length) {
		return false;
	}
	fragment.delete(Math.floor(index), 1);
	return true;
}

/**
 * The first text run of block `index`, created if the block has none (a ProseMirror empty
 * paragraph has no children). Null if there is no such block.
 */
function textRun(fragment: Y.XmlFragment, index: number): Y.XmlText | null {
	const block = fragment.get(Math.floor(index));
	if (!(block instanceof Y.XmlElement)) {
		return block instanceof Y.XmlText ? block : null;
	}
	const existing = block.toArray().find((child) => child instanceof Y.XmlText);
	if (existing instanceof Y.XmlText) {
		return existing;
	}
	const run = new Y.XmlText();
	block.insert(block.length, [run]);
	return run;
}

export interface TextRange {
	/** Block index in the body. */
	readonly paragraph: number;
	/** Character offset in that block's first text run (clamped). */
	readonly offset: number;
}

export function insertText(fragment: Y.XmlFragment, at: TextRange, text: string): boolean {
	const run = textRun(fragment, at.paragraph);
	if (!run || text.length === 0) {
		return false;
	}
	run.insert(clamp(at.offset, run.length), text);
	return true;
}

export function deleteText(fragment: Y.XmlFragment, at: TextRange, length: number): boolean {
	const run = textRun(fragment, at.paragraph);
	if (!run) {
		return false;
	}
	const start = clamp(at.offset, run.length);
	const count = clamp(length, run.length - start);
	if (count === 0) {
		return false;
	}
	run.delete(start, count);
	return true;
}

export function formatText(
	fragment: Y.XmlFragment,
	at: TextRange & { readonly length: number; readonly mark: Mark }
): boolean {
	const run = textRun(fragment, at.paragraph);
	if (!run) {
		return false;
	}
	const start = clamp(at.offset, run.length);
	const count = clamp(at.length, run.length - start);
	if (count === 0) {
		return false;
	}
	run.format(start, count, { [at.mark]: {} });
	return true;
}
