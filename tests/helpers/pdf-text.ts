import zlib from 'node:zlib';

/**
 * The text of a PDF written by pdf-lib with an embedded (Identity-H) font: inflates every stream,
 * reads the font's ToUnicode CMap (glyph id → character) and decodes each `<hex> Tj` with it.
 * Enough to check what a generated invoice says, without a PDF reader on the test machine.
 */
export function pdfText(bytes: Uint8Array): string {
	const raw = Buffer.from(bytes).toString('latin1');
	const streams: string[] = [];
	const pattern = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
	for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
		const data = Buffer.from(match[1] ?? '', 'latin1');
		try {
			streams.push(zlib.inflateSync(data).toString('latin1'));
		} catch {
			streams.push(data.toString('latin1'));
		}
	}
	const glyphs = new Map<string, string>();
	for (const cmap of streams) {
		for (const section of sections(cmap, 'bfchar')) {
			for (const m of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
				glyphs.set(m[1]!.toUpperCase(), utf16(m[2]!));
			}
		}
		for (const section of sections(cmap, 'bfrange')) {
			for (const m of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
				const [start, end, first] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16)) as [
					number,
					number,
					number
				];
				for (let g = start; g <= end; g++) {
					const key = g.toString(16).toUpperCase().padStart(m[1]!.length, '0');
					glyphs.set(key, String.fromCodePoint(first + g - start));
				}
			}
		}
	}
	const lines: string[] = [];
	for (const content of streams) {
		for (const m of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
			const hex = m[1]!.toUpperCase();
			let line = '';
			for (let i = 0; i < hex.length; i += 4) {
				line += glyphs.get(hex.slice(i, i + 4)) ?? '?';
			}
			lines.push(line);
		}
	}
	return lines.join('\n');
}

function utf16(hex: string): string {
	const units: number[] = [];
	for (let i = 0; i < hex.length; i += 4) {
		units.push(parseInt(hex.slice(i, i + 4), 16));
	}
	return String.fromCharCode(...units);
}

function sections(cmap: string, kind: 'bfchar' | 'bfrange'): string[] {
	const pattern = new RegExp(`begin${kind}([\\s\\S]*?)end${kind}`, 'g');
	return [...cmap.matchAll(pattern)].map((m) => m[1] ?? '');
}
