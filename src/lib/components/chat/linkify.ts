import { stripBidiControls } from '../../domain/bidi';

/** A piece of message text: plain text, or a link the chat may render as an anchor. */
export type TextPart =
	{ kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A URL runs to the next whitespace or angle bracket; trailing punctuation is trimmed after.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'")\]}]+$/;

/** Only absolute http(s) URLs with a host become links: never javascript:, data: and friends. */
function safeHref(candidate: string): string | null {
	try {
		const url = new URL(candidate);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname
			? url.href
			: null;
	} catch {
		return null;
	}
}

/** Keeps a closing parenthesis that belongs to the URL, as in a Wikipedia link "…_(band)". */
function trimTrailing(candidate: string): string {
	let url = candidate.replace(TRAILING, '');
	const opens = url.split('(').length - 1;
	const closes = url.split(')').length - 1;
	const rest = candidate.slice(url.length);
	if (rest.startsWith(')') && opens > closes) {
		url += ')';
	}
	return url;
}

/**
 * Splits message text into text and link parts. The chat renders each part as text or as an
 * <a> element built by Svelte, never as HTML, so a message can never inject markup. A link's
 * text and href carry no bidirectional controls; the chat also renders each link as an isolate
 * (`dir="ltr"`), so controls in the text around it cannot reorder it either.
 */
export function linkify(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const match of text.matchAll(CANDIDATE)) {
		const url = trimTrailing(match[0]);
		// Bidi controls could show a link reversed ("…/\u202Efdp.exe" reads ".../exe.pdf"): the
		// link shows and goes to the address without them, so what is read is where it leads.
		const shown = stripBidiControls(url);
		const href = safeHref(shown);
		if (!href) {
			continue;
		}
		if (match.index > last) {
			parts.push({ kind: 'text', text: text.slice(last, match.index) });
		}
		parts.push({ kind: 'link', text: shown, href });
		last = match.index + url.length;
	}
	if (last < text.length) {
		parts.push({ kind: 'text', text: text.slice(last) });
	}
	return parts;
}
