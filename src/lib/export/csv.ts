/*
 * RFC 4180 CSV: fields holding a comma, quote, CR or LF are quoted and inner quotes doubled;
 * lines end in CRLF. No formula escaping: this is the person's own data, exported verbatim.
 */

export function csvField(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null)[]): string {
	return values.map(csvField).join(',') + '\r\n';
}

export function toCsv(
	header: readonly string[],
	rows: readonly (readonly (string | number | null)[])[]
): string {
	return csvRow(header) + rows.map(csvRow).join('');
}
