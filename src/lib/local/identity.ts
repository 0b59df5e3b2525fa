import { userBodySchema } from '../api/auth';
import { apiRequest } from '../api/client';
import type { PublicUser } from '../domain/account';
import { recallUser, rememberUser } from './remembered-user';
import { revokePendingSession } from './sign-out';

export interface Identity {
	/** The signed-in user: confirmed by the server, or remembered on this device while offline. */
	user: PublicUser | null;
	/** The server could not be reached; `user` comes from this device. */
	offline: boolean;
	/** The server says the session ended, but someone was signed in here: ask them to sign in again. */
	sessionExpired: boolean;
}

/**
 * Resolves who is using the app. Online, the server decides (GET /api/me). Offline, the user
 * remembered on this device is trusted for local data only: every server request and sync
 * connection is still checked by the server when the network returns.
 * A sign-out made offline is sent first: until the server has ended that session, its cookie
 * must not sign anyone back in.
 */
export async function resolveIdentity(
	fetch: typeof globalThis.fetch,
	inBrowser: boolean
): Promise<Identity> {
	if (inBrowser && (await revokePendingSession(fetch)) === 'offline') {
		return { user: null, offline: true, sessionExpired: false };
	}
	// Only the status of a refusal matters here (signed out or not).
	const me = await apiRequest('/api/me', { schema: userBodySchema, fetch, readRefusal: false });
	if (me.ok) {
		if (inBrowser) {
			rememberUser(me.data.user);
		}
		return { user: me.data.user, offline: false, sessionExpired: false };
	}
	if (!me.offline && me.status === 401) {
		return { user: null, offline: false, sessionExpired: inBrowser && recallUser() !== null };
	}
	// No answer, or a struggling server (5xx): behave as offline rather than signing the user out.
	return { user: inBrowser ? recallUser() : null, offline: true, sessionExpired: false };
}
