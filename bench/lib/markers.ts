/**
 * Every generated edit carries a marker `@@<6 base-36 digits>!` in its inserted text. Yjs stores
 * string content as UTF-8 inside the update, so a receiver can find which edits a frame carries
 * with a byte search, even if a server merges several updates into one frame.
 */
const PREFIX = '@@';
const DIGITS = 6;
const END = 0x21; // '!'

export function marker(seq: number): string {
	return `${PREFIX}${seq.toString(36).padStart(DIGITS, '0')}!`;
}

function parseDigits(data: Buffer, start: number): number {
	let value = 0;
	for (let i = start; i < start + DIGITS; i++) {
		const digit = Number.parseInt(String.fromCharCode(data[i] ?? 0), 36);
		if (Number.isNaN(digit)) {
			return -1;
		}
		value = value * 36 + digit;
	}
	return data[start + DIGITS] === END ? value : -1;
}

/** Calls `found` for each marker in the frame; bounded by the frame length. */
export function scanMarkers(data: Buffer, found: (seq: number) => void): void {
	let at = data.indexOf(PREFIX);
	while (at !== -1 && at + PREFIX.length + DIGITS < data.length) {
		const seq = parseDigits(data, at + PREFIX.length);
		if (seq >= 0) {
			found(seq);
		}
		at = data.indexOf(PREFIX, at + 1);
	}
}
