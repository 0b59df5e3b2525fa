/*
 * Search tokens for the notes index. Both the stored words and the query go through the same
 * folding, so "Café" finds "cafe" and "CAF" finds "café" by prefix.
 */

const WORD = /[\p{L}\p{N}]+/gu;
// A note may hold 200,000 characters: bound the index entries one note can add.
export const MAX_WORDS_PER_NOTE = 2_000;
const MAX_WORD_LENGTH = 40;

/** Lowercase, with accents and other combining marks removed. */
export function foldText(value: string): string {
	return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Distinct folded words of `value`, in order of first appearance. */
export function indexWords(value: string, max = MAX_WORDS_PER_NOTE): string[] {
	const words = new Set<string>();
	for (const match of foldText(value).matchAll(WORD)) {
		words.add(match[0].slice(0, MAX_WORD_LENGTH));
		if (words.size >= max) {
			break;
		}
	}
	return [...words];
}
