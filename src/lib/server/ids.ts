import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Lucia's human-readable alphabet: a-z and 2-9 without l, o, 0, 1, so ids survive being read aloud.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 characters from 24 random bytes (5 bits each): 120 bits, enough for ids and secrets alike. */
export function generateSecureRandomString(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(24));
	let out = '';
	for (const byte of bytes) {
		// 256 is a multiple of 32, so taking the top 5 bits keeps the distribution uniform.
		out += ALPHABET[byte >> 3];
	}
	return out;
}

/** A longer random token (256 bits) for links sent by email. */
export function generateLinkToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}
