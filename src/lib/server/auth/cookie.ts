import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'tandem_session';

/**
 * HttpOnly so scripts cannot read the token; SameSite=Lax so other sites cannot send it with a
 * POST; Secure whenever the app is served over https (a plain-http localhost must still work).
 */
export function setSessionCookie(
	cookies: Cookies,
	token: string,
	url: URL,
	maxAgeMs: number
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: Math.floor(maxAgeMs / 1000)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/** Reads the session token from a raw Cookie header (websocket upgrades have no Kit `cookies`). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
	if (!header) {
		return undefined;
	}
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}
