import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import {
	initProseMirrorDoc,
	prosemirrorToYXmlFragment,
	updateYFragment,
	yXmlFragmentToProseMirrorRootNode
} from 'y-prosemirror';
import * as Y from 'yjs';
import * as rich from '../docs/rich-text';
import { copyNoteBody } from './copy';
import { noteSchema, safeHref } from './schema';

const { nodes, marks } = noteSchema;
const text = (value: string, ...markNames: ('bold' | 'italic')[]) =>
	noteSchema.text(
		value,
		markNames.map((name) => marks[name].create())
	);
const para = (...content: ReturnType<typeof text>[]) => nodes.paragraph.create(null, content);
const item = (value: string) => nodes.list_item.create(null, [para(text(value))]);

function sampleDoc() {
	return nodes.doc.create(null, [
		nodes.heading.create({ level: 2 }, [text('Session one')]),
		para(text('We talked about '), text('sleep', 'bold'), text(' and '), text('walks', 'italic')),
		nodes.paragraph.create(null, [text('line one'), nodes.hard_break.create(), text('line two')]),
		nodes.bullet_list.create(null, [item('drink water'), item('stretch')]),
		nodes.ordered_list.create(null, [item('first'), item('second')])
	]);
}

const expected = [
	'Session one',
	'We talked about sleep and walks',
	'line one\nline two',
	'drink water',
	'stretch',
	'first',
	'second'
].join('\n');

function fragment(): Y.XmlFragment {
	return new Y.Doc().getXmlFragment('body');
}

describe('editor schema and the stored note format (rich-text.ts)', () => {
	it('what the editor writes reads back as the same plain text for search', () => {
		const body = prosemirrorToYXmlFragment(sampleDoc(), fragment());
		expect(rich.richTextToPlain(body)).toBe(expected);
		const pmDoc = sampleDoc();
		expect(pmDoc.textBetween(0, pmDoc.content.size, '\n', '\n')).toBe(expected);
	});

	it('stores marks the way rich-text formats them (attribute per mark, {} value)', () => {
		const body = prosemirrorToYXmlFragment(sampleDoc(), fragment());
		const paragraph = body.get(1) as Y.XmlElement;
		expect(paragraph.nodeName).toBe(rich.PARAGRAPH);
		const delta = (paragraph.get(0) as Y.XmlText).toDelta() as {
			insert: string;
			attributes?: object;
		}[];
		expect(delta).toContainEqual({ insert: 'sleep', attributes: { bold: {} } });
		expect(delta).toContainEqual({ insert: 'walks', attributes: { italic: {} } });
	});

	it('opens bodies written by rich-text helpers without dropping anything', () => {
		const body = fragment();
		body.doc?.transact(() => {
			rich.replaceWithPlain(body, 'Alpha beta\nGamma');
			rich.formatText(body, { paragraph: 0, offset: 0, length: 5, mark: 'bold' });
			rich.insertParagraph(body, 2, '');
		});
		const before = rich.richTextToPlain(body);
		const pmDoc = yXmlFragmentToProseMirrorRootNode(body, noteSchema);
		pmDoc.check();
		expect(body.length).toBe(3);
		expect(rich.richTextToPlain(body)).toBe(before);
		expect(pmDoc.textBetween(0, pmDoc.content.size, '\n', '\n')).toBe(before);
		expect(pmDoc.firstChild?.firstChild?.marks.map((m) => m.type.name)).toEqual(['bold']);
	});

	it('text typed through editor transactions is what search extracts', () => {
		const body = fragment();
		const ydoc = body.doc as Y.Doc;
		ydoc.transact(() => rich.insertParagraph(body, 0, ''));
		const { doc, meta } = initProseMirrorDoc(body, noteSchema);
		let state = EditorState.create({ schema: noteSchema, doc });
		const type = (tr: ReturnType<typeof state.tr.insertText>) => {
			state = state.apply(tr);
			ydoc.transact(() => updateYFragment(ydoc, body, state.doc, meta));
		};
		type(state.tr.insertText('Hello there', 1));
		type(state.tr.setSelection(TextSelection.create(state.doc, 6)).split(6));
		type(state.tr.addMark(1, 6, marks.bold.create()));
		expect(rich.richTextToPlain(body)).toBe('Hello\n there');
		expect((body.get(0) as Y.XmlElement).nodeName).toBe('paragraph');
	});

	it('copies a body into another document as an independent copy', () => {
		const source = prosemirrorToYXmlFragment(sampleDoc(), fragment());
		const target = fragment();
		copyNoteBody(source, target);
		expect(rich.richTextToPlain(target)).toBe(expected);
		source.doc?.transact(() => rich.insertText(source, { paragraph: 0, offset: 0 }, 'PRIVATE '));
		expect(rich.richTextToPlain(target)).toBe(expected);
	});

	it('renders only web and mail links', () => {
		expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
		expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
		expect(safeHref('javascript:alert(1)')).toBe('#');
		expect(safeHref('not a url')).toBe('#');
	});
});
