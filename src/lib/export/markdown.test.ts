import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { blocksToMarkdown, escapeMarkdown, type RichNode } from './markdown';

const text = (value: string, ...marks: RichNode['marks'][]): RichNode => ({
	type: 'text',
	text: value,
	marks: marks.flatMap((m) => m ?? [])
});
const bold = [{ type: 'bold', attrs: {} }];
const italic = [{ type: 'italic', attrs: {} }];
const code = [{ type: 'code' }];
const link = (href: string) => [{ type: 'link', attrs: { href } }];
const p = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const li = (...content: RichNode[]): RichNode => ({ type: 'list_item', content });

/** The rendered HTML, so each case checks what a Markdown reader sees, not our spelling. */
const html = (blocks: RichNode[]) => (marked.parse(blocksToMarkdown(blocks)) as string).trim();

describe('rich text to Markdown', () => {
	it('writes headings at their level', () => {
		const md = blocksToMarkdown([
			{ type: 'heading', attrs: { level: 2 }, content: [text('Plan')] },
			{ type: 'heading', attrs: { level: 3 }, content: [text('Week 1')] }
		]);
		expect(md).toBe('## Plan\n\n### Week 1');
		const tokens = marked.lexer(md).filter((t): t is Tokens.Heading => t.type === 'heading');
		expect(tokens.map((t) => [t.depth, t.text])).toEqual([
			[2, 'Plan'],
			[3, 'Week 1']
		]);
	});

	it('writes bold, italic and both without doubling delimiters between runs', () => {
		const blocks = [p(text('a '), text('bold', bold), text(' and both', bold, italic), text('.'))];
		expect(blocksToMarkdown(blocks)).toBe('a **bold _and both_**.');
		expect(html(blocks)).toBe('<p>a <strong>bold <em>and both</em></strong>.</p>');
	});

	it('keeps whitespace at the edge of a mark outside its delimiters', () => {
		const blocks = [p(text('x'), text(' italic ', italic), text('y'))];
		expect(html(blocks)).toBe('<p>x <em>italic</em> y</p>');
	});

	it('writes links with their text and formatting', () => {
		const blocks = [
			p(
				text('see '),
				text('the ', link('https://ex.com/a b')),
				text('docs', link('https://ex.com/a b'), bold)
			)
		];
		expect(html(blocks)).toBe(
			'<p>see <a href="https://ex.com/a%20b">the <strong>docs</strong></a></p>'
		);
	});

	it('never writes a live link to anything but http(s) or mailto', () => {
		const blocks = [
			p(text('click', link('javascript:alert(1)')), text(' '), text('mail', link('mailto:a@b.c')))
		];
		expect(html(blocks)).toBe('<p><a href="#">click</a> <a href="mailto:a@b.c">mail</a></p>');
	});

	it('writes inline code and code blocks verbatim, whatever backticks they hold', () => {
		const blocks: RichNode[] = [
			p(text('run '), text('npm i `x`', code)),
			{ type: 'code_block', attrs: { language: 'ts' }, content: [text('const a = 1 * 2;\n```')] }
		];
		const tokens = marked.lexer(blocksToMarkdown(blocks));
		const span = (tokens[0] as Tokens.Paragraph).tokens.find(
			(t): t is Tokens.Codespan => t.type === 'codespan'
		);
		expect(span?.text).toBe('npm i `x`');
		const block = tokens.find((t): t is Tokens.Code => t.type === 'code');
		expect(block?.text).toBe('const a = 1 * 2;\n```');
		expect(block?.lang).toBe('ts');
	});

	it('writes an ordered list not starting at 1 after a blank line inside an item', () => {
		const nested: RichNode = {
			type: 'ordered_list',
			attrs: { order: 3 },
			content: [li(p(text('three')))]
		};
		const md = blocksToMarkdown([{ type: 'bullet_list', content: [li(p(text('two')), nested)] }]);
		expect(md).toBe('- two\n\n  3. three');
		expect(html([{ type: 'bullet_list', content: [li(p(text('two')), nested)] }])).toContain(
			'<ol start="3">'
		);
	});

	it('writes bullet and ordered lists, nested lists included', () => {
		const blocks: RichNode[] = [
			{
				type: 'bullet_list',
				content: [
					li(p(text('one'))),
					li(p(text('two')), {
						type: 'ordered_list',
						attrs: { order: 1 },
						content: [li(p(text('three'))), li(p(text('four')))]
					})
				]
			}
		];
		expect(blocksToMarkdown(blocks)).toBe('- one\n- two\n  1. three\n  2. four');
		const list = marked.lexer(blocksToMarkdown(blocks))[0] as Tokens.List;
		expect(list.ordered).toBe(false);
		expect(list.items.map((i) => i.text.split('\n')[0])).toEqual(['one', 'two']);
		const nested = list.items[1]?.tokens.find((t: Token) => t.type === 'list') as Tokens.List;
		expect(nested.ordered).toBe(true);
		expect(nested.start).toBe(1);
		expect(nested.items.map((i) => i.text)).toEqual(['three', 'four']);
	});

	it('escapes text that would otherwise read as Markdown', () => {
		const raw = '# not a heading *nor* _this_ [x](y) <b>1</b>';
		const blocks = [p(text(raw)), p(text('- not a list')), p(text('1. nor this'))];
		const tokens = marked.lexer(blocksToMarkdown(blocks));
		expect(tokens.filter((t) => t.type !== 'space').map((t) => t.type)).toEqual([
			'paragraph',
			'paragraph',
			'paragraph'
		]);
		expect(html([p(text(raw))])).toBe(
			'<p># not a heading *nor* _this_ [x](y) &lt;b&gt;1&lt;/b&gt;</p>'
		);
		expect(escapeMarkdown('plain words')).toBe('plain words');
	});

	it('keeps hard breaks, quotes and the text of unknown blocks', () => {
		const blocks: RichNode[] = [
			p(text('line 1'), { type: 'hard_break' }, text('line 2')),
			{ type: 'blockquote', content: [p(text('quoted'))] },
			{ type: 'mystery_widget', content: [p(text('still here'))] }
		];
		expect(html(blocks)).toBe(
			'<p>line 1<br>line 2</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>still here</p>'
		);
	});
});
