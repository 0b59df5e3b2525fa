/**
 * Unicode's bidirectional formatting characters: ALM, LRM, RLM, the embeddings and overrides
 * (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI, FSI, PDI). Invisible, and able to show
 * "https://evil.example/\u202Efdp.exe" as ".../exe.pdf": nothing a person should have to read
 * inside a link.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional controls, for anything shown as (or inside) a link. */
export function stripBidiControls(text: string): string {
	return text.replace(BIDI_CONTROLS, '');
}

export function hasBidiControls(text: string): boolean {
	return text.search(BIDI_CONTROLS) !== -1;
}
