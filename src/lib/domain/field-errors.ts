/**
 * Per-field validation results shared by forms and the API: each broken field has its own
 * sentence, so a form marks every bad field at once and the server's 400 says the same words
 * (`{ error, code, fields }`). Keys are the API's field names.
 */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** The first message, in key order, for a one-line summary (or null when nothing is wrong). */
export function firstFieldError<K extends string>(
	errors: FieldErrors<K>,
	order: readonly K[]
): string | null {
	for (const key of order) {
		const message = errors[key];
		if (message) {
			return message;
		}
	}
	return null;
}

export function hasFieldErrors(errors: FieldErrors): boolean {
	return Object.values(errors).some(Boolean);
}

/** Reads `fields` from an API error body: only string messages under string keys. */
export function readFieldErrors(value: unknown): FieldErrors {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {};
	}
	const out: FieldErrors = {};
	for (const [key, message] of Object.entries(value)) {
		if (typeof message === 'string' && message) {
			out[key] = message;
		}
	}
	return out;
}
