import { apiRequest } from '../api/client';
import { forgetUser } from './remembered-user';

// Set while a sign-out has not yet reached the server. The session cookie is HttpOnly, so the
// page cannot delete it: only the server can, when the browser next reaches it with that cookie.
const PENDING_KEY = 'tandem.signOutPending';
const LOGOUT_URL = '/api/auth/logout';

export type SignOutOutcome = 'signed-out' | 'pending';

export function isSignOutPending(): boolean {
	return localStorage.getItem(PENDING_KEY) !== null;
}

/**
 * Signs out of this device at once, whatever the network: the remembered user and cached pages
 * go first, then the server is asked to end the session. When it cannot be reached, the request
 * stays queued ('pending') and `revokePendingSession` sends it when the network returns.
 */
export async function signOut(fetch: typeof globalThis.fetch): Promise<SignOutOutcome> {
	// Queued before anything else, so a page closed mid-way still ends the session later.
	localStorage.setItem(PENDING_KEY, String(Date.now()));
	forgetUser();
	await forgetCachedPages();
	return (await revokePendingSession(fetch)) === 'revoked' ? 'signed-out' : 'pending';
}

/**
 * Ends the server session a sign-out left queued. 'none' when nothing was queued, 'revoked' once
 * the server confirmed (it also clears the cookie), 'offline' when it still cannot be reached.
 */
export async function revokePendingSession(
	fetch: typeof globalThis.fetch
): Promise<'none' | 'revoked' | 'offline'> {
	if (!isSignOutPending()) {
		return 'none';
	}
	const revoked = await apiRequest(LOGOUT_URL, { method: 'POST', fetch });
	// No answer, or a struggling server (5xx) that may not have ended the session: keep it queued.
	if (!revoked.ok && (revoked.offline || revoked.status >= 500)) {
		return 'offline';
	}
	localStorage.removeItem(PENDING_KEY);
	return 'revoked';
}

/**
 * Server-rendered pages the service worker kept may show who was signed in; the app shell
 * (`/shell`) names nobody and is what offline navigations need, so it stays.
 */
async function forgetCachedPages(): Promise<void> {
	if (typeof caches === 'undefined') {
		return;
	}
	try {
		for (const name of await caches.keys()) {
			if (!name.startsWith('pages-')) {
				continue;
			}
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				if (new URL(request.url).pathname !== '/shell') {
					await cache.delete(request);
				}
			}
		}
	} catch {
		// Storage can be unavailable (private mode); the sign-out itself must not fail for it.
	}
}
