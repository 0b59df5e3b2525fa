import type { Cookies } from '@sveltejs/kit';
import { generateSecureRandomString } from '../ids';

// Over https a `__Host-` name, for the reasons the session cookie has one (cookie.ts).
const DEVICE_COOKIE = 'tandem_device';
const SECURE_DEVICE_COOKIE = '__Host-tandem_device';
// Browsers cap cookie lifetimes at 400 days; a device stays known that long after each sign-in.
const MAX_AGE_S = 400 * 24 * 60 * 60;
const SHAPE = /^[a-z0-9]{16,64}$/;

/**
 * The browser's device id: a random value in a long-lived HttpOnly cookie, set on its first
 * sign-in. It only tells "this browser signed in before", so the owner is emailed about a new one.
 */
export function deviceIdOf(cookies: Cookies, url: URL): string {
	const secure = url.protocol === 'https:';
	const name = secure ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE;
	const existing = cookies.get(name);
	const id = existing && SHAPE.test(existing) ? existing : generateSecureRandomString();
	// Set again every time: each sign-in moves the expiry forward.
	cookies.set(name, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE_S });
	return id;
}
