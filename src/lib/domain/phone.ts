/**
 * A client's phone number, as they type it, for the coach to dial for phone sessions. Numbers
 * are written in many national styles, so we keep what the person typed (tidied) and only check
 * that it is plausible: 6 to 15 digits (E.164's maximum), an optional leading +, and the usual
 * separators. No carrier lookup: the coach dials it, a wrong number is found at once.
 */
export const MAX_PHONE_LENGTH = 32;
const MIN_DIGITS = 6;
const MAX_DIGITS = 15;
const ALLOWED = /^\+?[0-9 ().\-/]+$/;

export type PhoneParse =
	| { readonly ok: true; readonly value: string | null }
	| { readonly ok: false; readonly problem: string };

/** Null, or blank text, clears the number; anything else must look like a phone number. */
export function parsePhone(input: unknown): PhoneParse {
	if (input === null || (typeof input === 'string' && input.trim() === '')) {
		return { ok: true, value: null };
	}
	if (typeof input !== 'string') {
		return { ok: false, problem: 'The phone number must be text, or null to remove it.' };
	}
	const tidy = input.trim().replace(/\s+/g, ' ');
	if (tidy.length > MAX_PHONE_LENGTH) {
		return {
			ok: false,
			problem: `The phone number is too long (up to ${MAX_PHONE_LENGTH} characters).`
		};
	}
	const digits = tidy.replace(/\D/g, '').length;
	if (!ALLOWED.test(tidy) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
		return {
			ok: false,
			problem: `Enter a phone number of ${MIN_DIGITS} to ${MAX_DIGITS} digits, like +44 20 7946 0958.`
		};
	}
	return { ok: true, value: tidy };
}

/** A `tel:` link target: digits and a leading + only. */
export function telHref(phone: string): string {
	return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}
