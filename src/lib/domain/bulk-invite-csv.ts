/**
 * A small CSV reader for pasted or uploaded client lists. Commas, semicolons (European
 * spreadsheets, Outlook address lists) and tabs (cells pasted from a spreadsheet) all separate
 * fields; double quotes protect separators and line breaks inside a field, `""` is a quote.
 */

export interface CsvRecord {
	/** 1-based line on which the record starts (a quoted field may span lines). */
	readonly line: number;
	/** Trimmed fields, blank ones included (they keep column positions for a header). */
	readonly fields: readonly string[];
}

const SEPARATORS = new Set([',', ';', '\t']);

/** Removes a byte-order mark and unifies line endings (Excel on Windows writes both). */
export function normalizeText(text: string): string {
	return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

interface Cursor {
	fields: string[];
	field: string;
	inQuotes: boolean;
	line: number;
	startLine: number;
}

function endRecord(cursor: Cursor, out: CsvRecord[]): void {
	cursor.fields.push(cursor.field);
	const fields = cursor.fields.map((field) => field.trim());
	// Blank lines (and lines of bare separators) carry nothing: skip them.
	if (fields.some((field) => field !== '')) {
		out.push({ line: cursor.startLine, fields });
	}
	cursor.fields = [];
	cursor.field = '';
}

/** Splits text into records of fields. Never throws: an unclosed quote runs to the end. */
export function readCsv(text: string): CsvRecord[] {
	const source = normalizeText(text);
	const out: CsvRecord[] = [];
	const cursor: Cursor = { fields: [], field: '', inQuotes: false, line: 1, startLine: 1 };
	for (let i = 0; i < source.length; i++) {
		const char = source[i]!;
		if (cursor.inQuotes) {
			if (char === '"' && source[i + 1] === '"') {
				cursor.field += '"';
				i++;
			} else if (char === '"') {
				cursor.inQuotes = false;
			} else {
				cursor.line += char === '\n' ? 1 : 0;
				cursor.field += char;
			}
		} else if (char === '"' && cursor.field.trim() === '') {
			// A quote opens a quoted field only at its start; elsewhere it is a plain character.
			cursor.field = '';
			cursor.inQuotes = true;
		} else if (SEPARATORS.has(char)) {
			cursor.fields.push(cursor.field);
			cursor.field = '';
		} else if (char === '\n') {
			endRecord(cursor, out);
			cursor.line++;
			cursor.startLine = cursor.line;
		} else {
			cursor.field += char;
		}
	}
	endRecord(cursor, out);
	return out;
}
