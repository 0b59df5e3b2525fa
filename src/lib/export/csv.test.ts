import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('CSV', () => {
	it('quotes fields with commas, quotes and newlines, and csv-parse reads them back', () => {
		const rows = [
			['plain', 'a, b', 'say "hi"'],
			['two\nlines', 'cr\r\nlf', ''],
			[null, 42, ' spaced ']
		];
		const csv = toCsv(['x', 'y', 'z'], rows);
		expect(parse(csv, { columns: true })).toEqual([
			{ x: 'plain', y: 'a, b', z: 'say "hi"' },
			{ x: 'two\nlines', y: 'cr\r\nlf', z: '' },
			{ x: '', y: '42', z: ' spaced ' }
		]);
	});

	it('leaves plain fields unquoted', () => {
		expect(csvField('video')).toBe('video');
		expect(csvField('a"b')).toBe('"a""b"');
	});
});
