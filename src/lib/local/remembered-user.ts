import type { PublicUser } from '../domain/account';

// Who last signed in on this device, so the app can open offline with their documents. Not a
// secret (the session cookie stays HttpOnly); cleared on sign-out.
const KEY = 'tandem.user';

function isPublicUser(value: unknown): value is PublicUser {
	const v = value as Partial<PublicUser> | null;
	return (
		typeof v?.id === 'string' &&
		typeof v.name === 'string' &&
		typeof v.email === 'string' &&
		(v.role === 'coach' || v.role === 'client')
	);
}

export function rememberUser(user: PublicUser): void {
	localStorage.setItem(KEY, JSON.stringify(user));
}

export function recallUser(): PublicUser | null {
	try {
		const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
		return isPublicUser(value) ? value : null;
	} catch {
		return null;
	}
}

export function forgetUser(): void {
	localStorage.removeItem(KEY);
}
