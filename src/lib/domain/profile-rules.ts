/**
 * The rules of a coach's public profile as the server stores it for clients (PUT /api/profile).
 * Stricter than the private `coach:` document: the photo travels in every client's engagement
 * list, so it is a small JPEG/PNG/WebP, and links are few and web-only.
 */
import { nameProblem } from './account';

export const MAX_PUBLIC_BIO_LENGTH = 2_000;
export const MAX_PUBLIC_GREETING_LENGTH = 2_000;
export const MAX_PUBLIC_LINKS = 5;
export const MAX_LINK_LABEL_LENGTH = 100;
export const MAX_LINK_URL_LENGTH = 2_000;
/** Decoded image bytes; the browser resizes before uploading. */
export const MAX_PHOTO_BYTES = 150 * 1024;

export interface PublicLink {
	readonly label: string;
	readonly url: string;
}

export interface PublicProfileInput {
	/** Absent: keep the account name. */
	readonly name?: string;
	readonly bio: string;
	/** `data:image/(jpeg|png|webp);base64,...` or null for none. */
	readonly photo: string | null;
	readonly links: readonly PublicLink[];
	readonly greeting: string;
}

export type ProfileParse =
	| { readonly ok: true; readonly value: PublicProfileInput }
	| { readonly ok: false; readonly problem: string };

const PHOTO = /^data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/]*={0,2})$/;

/** Bytes a base64 payload decodes to, without decoding it. */
function base64Bytes(payload: string): number {
	const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
	return Math.floor((payload.length * 3) / 4) - padding;
}

export function publicPhotoProblem(photo: string | null): string | null {
	if (photo === null) {
		return null;
	}
	// Checked before the pattern so a huge string is refused without scanning it.
	if (photo.length > Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 64) {
		return 'The photo is too large: at most 150 KB.';
	}
	const match = PHOTO.exec(photo);
	if (!match || match[2] === undefined || match[2].length % 4 !== 0 || match[2] === '') {
		return 'The photo must be a data URL of a JPEG, PNG or WebP image.';
	}
	return base64Bytes(match[2]) > MAX_PHOTO_BYTES ? 'The photo is too large: at most 150 KB.' : null;
}

export function publicLinkProblem(link: PublicLink): string | null {
	if (link.label.length === 0 || link.label.length > MAX_LINK_LABEL_LENGTH) {
		return `Each link needs a label of 1 to ${MAX_LINK_LABEL_LENGTH} characters.`;
	}
	if (link.url.length > MAX_LINK_URL_LENGTH) {
		return 'That link is too long.';
	}
	try {
		const url = new URL(link.url);
		return url.protocol === 'https:' || url.protocol === 'http:'
			? null
			: `"${link.label}" must be a web address starting with https:// or http://.`;
	} catch {
		return `"${link.label}" must be a web address starting with https:// or http://.`;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLinks(value: unknown): PublicLink[] | string {
	if (!Array.isArray(value)) {
		return '"links" must be a list of { label, url }.';
	}
	if (value.length > MAX_PUBLIC_LINKS) {
		return `At most ${MAX_PUBLIC_LINKS} links.`;
	}
	const links: PublicLink[] = [];
	for (const item of value) {
		if (!isRecord(item) || typeof item.label !== 'string' || typeof item.url !== 'string') {
			return 'Each link must be { "label": string, "url": string }.';
		}
		const link = { label: item.label.trim(), url: item.url.trim() };
		const problem = publicLinkProblem(link);
		if (problem) {
			return problem;
		}
		links.push(link);
	}
	return links;
}

type Read<T> = { readonly value: T } | { readonly problem: string };

function readText(body: Record<string, unknown>, key: string, max: number): Read<string> {
	const value = body[key];
	if (typeof value !== 'string') {
		return { problem: `"${key}" must be a string.` };
	}
	const trimmed = value.trim();
	return trimmed.length > max
		? { problem: `"${key}" can be at most ${max} characters.` }
		: { value: trimmed };
}

function readName(body: Record<string, unknown>): Read<string | undefined> {
	if (body.name === undefined) {
		return { value: undefined };
	}
	if (typeof body.name !== 'string') {
		return { problem: '"name" must be a string.' };
	}
	const name = body.name.trim();
	const problem = nameProblem(name);
	return problem ? { problem } : { value: name };
}

function readPhoto(body: Record<string, unknown>): Read<string | null> {
	if (body.photo !== null && typeof body.photo !== 'string') {
		return { problem: '"photo" must be a data URL or null.' };
	}
	const problem = publicPhotoProblem(body.photo);
	return problem ? { problem } : { value: body.photo };
}

const refuse = (problem: string): ProfileParse => ({ ok: false, problem });

/** Checks a PUT /api/profile body; the message names the first broken rule. */
export function parsePublicProfile(body: unknown): ProfileParse {
	if (!isRecord(body)) {
		return refuse('Send a JSON object with bio, photo, links and greeting.');
	}
	const name = readName(body);
	if ('problem' in name) {
		return refuse(name.problem);
	}
	const bio = readText(body, 'bio', MAX_PUBLIC_BIO_LENGTH);
	if ('problem' in bio) {
		return refuse(bio.problem);
	}
	const photo = readPhoto(body);
	if ('problem' in photo) {
		return refuse(photo.problem);
	}
	const links = readLinks(body.links);
	if (typeof links === 'string') {
		return refuse(links);
	}
	const greeting = readText(body, 'greeting', MAX_PUBLIC_GREETING_LENGTH);
	if ('problem' in greeting) {
		return refuse(greeting.problem);
	}
	const value = { bio: bio.value, greeting: greeting.value, photo: photo.value, links };
	return { ok: true, value: name.value === undefined ? value : { ...value, name: name.value } };
}
