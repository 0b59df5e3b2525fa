import { Schema, type MarkSpec, type NodeSpec } from 'prosemirror-model';
import type { Mark } from '../docs/rich-text';

/*
 * The note editor's schema. Node and mark names ARE the stored format: y-prosemirror writes each
 * node as a Y.XmlElement named after it and each mark as a text attribute named after it, and
 * src/lib/docs/rich-text.ts reads and writes that same layout (search text, server-side edits).
 * So names follow rich-text.ts: 'paragraph', 'heading', 'hard_break', marks 'bold' and 'italic'.
 *
 * Never drop a name once notes may contain it: y-prosemirror DELETES any element or text run it
 * cannot build with the current schema, and that deletion syncs to every replica.
 */

const nodes = {
	doc: { content: 'block+' },
	paragraph: {
		content: 'inline*',
		group: 'block',
		parseDOM: [{ tag: 'p' }],
		toDOM: () => ['p', 0]
	},
	heading: {
		attrs: { level: { default: 2 } },
		content: 'inline*',
		group: 'block',
		defining: true,
		parseDOM: [2, 3, 4].map((level) => ({ tag: `h${level}`, attrs: { level } })),
		// Note headings sit under the page's h2/h3, so level 2 renders as h3 and so on.
		toDOM: (node) => [`h${Math.min(6, Number(node.attrs.level) + 1)}`, 0]
	},
	bullet_list: {
		content: 'list_item+',
		group: 'block',
		parseDOM: [{ tag: 'ul' }],
		toDOM: () => ['ul', 0]
	},
	ordered_list: {
		attrs: { order: { default: 1 } },
		content: 'list_item+',
		group: 'block',
		parseDOM: [{ tag: 'ol' }],
		toDOM: () => ['ol', 0]
	},
	list_item: {
		content: 'paragraph block*',
		defining: true,
		parseDOM: [{ tag: 'li' }],
		toDOM: () => ['li', 0]
	},
	text: { group: 'inline' },
	hard_break: {
		inline: true,
		group: 'inline',
		selectable: false,
		parseDOM: [{ tag: 'br' }],
		toDOM: () => ['br'],
		leafText: () => '\n'
	}
} satisfies Record<string, NodeSpec>;

const marks = {
	bold: {
		parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
		toDOM: () => ['strong', 0]
	},
	italic: {
		parseDOM: [{ tag: 'em' }, { tag: 'i' }],
		toDOM: () => ['em', 0]
	},
	link: {
		attrs: { href: {} },
		inclusive: false,
		parseDOM: [
			{
				tag: 'a[href]',
				getAttrs: (dom: HTMLElement) => ({ href: dom.getAttribute('href') })
			}
		],
		// Links in notes come from people we trust less than our own code: never javascript: URLs.
		toDOM: (mark) => ['a', { href: safeHref(mark.attrs.href), rel: 'noopener noreferrer' }, 0]
	}
} satisfies Record<Mark | 'link', MarkSpec>;

/** http(s) and mailto links only; anything else renders as an inert link. */
export function safeHref(value: unknown): string {
	if (typeof value !== 'string') {
		return '#';
	}
	try {
		const url = new URL(value);
		return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : '#';
	} catch {
		return '#';
	}
}

export const noteSchema = new Schema({ nodes, marks });

export type NoteMark = keyof typeof marks;
