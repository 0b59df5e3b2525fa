/** Account input rules shared by the server and the forms (pure, no I/O). */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

export type Role = 'coach' | 'client';

export interface PublicUser {
	id: string;
	name: string;
	email: string;
	role: Role;
}

/** Emails are compared trimmed and case-insensitively everywhere. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

// Deliberately permissive: one @, something on each side, a dot in the domain, no spaces.
// Real validation of an address is delivering mail to it.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | null {
	if (email.length === 0) {
		return 'Enter your email address.';
	}
	if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
		return 'Enter a valid email address, like name@example.com.';
	}
	return null;
}

export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) {
		return `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
	}
	if (password.length > MAX_PASSWORD_LENGTH) {
		return `Use a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
	}
	return null;
}

export function nameProblem(name: string): string | null {
	if (name.length === 0) {
		return 'Enter your name.';
	}
	if (name.length > MAX_NAME_LENGTH) {
		return `Use a name of at most ${MAX_NAME_LENGTH} characters.`;
	}
	return null;
}
