import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'tandem_session';
/**
 * The name over https. Browsers accept a `__Host-` cookie only with Secure, Path=/ and no Domain,
 * so a page on a sibling subdomain (or a network attacker over plain http) cannot plant or
 * overwrite a session cookie for this host.
 */
export const SECURE_SESSION_COOKIE = '__Host-tandem_session';

/** The session cookie's name for a request served over https (`secure`) or plain http. */
export function sessionCookieName(secure: boolean): string {
	return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

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
	cookies.set(sessionCookieName(url.protocol === 'https:'), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: Math.floor(maxAgeMs / 1000)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url.protocol === 'https:'), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/**
 * Reads the session token from a raw Cookie header (websocket upgrades have no Kit `cookies`);
 * `secure`: the request came over https, where only the `__Host-` cookie counts.
 */
export function sessionTokenFromCookieHeader(
	header: string | undefined,
	secure = false
): string | undefined {
	if (!header) {
		return undefined;
	}
	const name = sessionCookieName(secure);
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

/**
 * Whether a raw request (a websocket upgrade) came over https, decided as the pages decide it:
 * by ORIGIN when set, else by the proxy's X-Forwarded-Proto (server/app.ts sets PROTOCOL_HEADER).
 */
export function isHttpsRequest(
	forwardedProto: string | string[] | undefined,
	origin: string | undefined
): boolean {
	return origin ? origin.startsWith('https:') : forwardedProto === 'https';
}
