import { beforeEach, describe, expect, it } from 'vitest';
import { resolveIdentity } from './identity';
import { recallUser, rememberUser } from './remembered-user';
import { isSignOutPending, revokePendingSession, signOut } from './sign-out';

// Node has no localStorage; these modules only need get/set/remove.
const store = new Map<string, string>();
globalThis.localStorage ??= {
	getItem: (key: string) => store.get(key) ?? null,
	setItem: (key: string, value: string) => void store.set(key, value),
	removeItem: (key: string) => void store.delete(key)
} as Storage;

const user = { id: 'u1', name: 'Cody', email: 'cody@example.com', role: 'client' } as const;

/** A fetch that records calls and answers from `answer`, or fails like a dead network. */
function fakeFetch(answer: (url: string) => Response | 'offline') {
	const calls: string[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		calls.push(`${init?.method ?? 'GET'} ${url}`);
		const result = answer(url);
		if (result === 'offline') {
			throw new TypeError('Failed to fetch');
		}
		return result;
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

describe('signing out', () => {
	beforeEach(() => {
		localStorage.removeItem('tandem.signOutPending');
		rememberUser(user);
	});

	it('online: forgets the user and ends the server session', async () => {
		const net = fakeFetch(() => new Response(null, { status: 204 }));
		expect(await signOut(net.fetch)).toBe('signed-out');
		expect(recallUser()).toBeNull();
		expect(isSignOutPending()).toBe(false);
		expect(net.calls).toEqual(['POST /api/auth/logout']);
	});

	it('offline: forgets the user at once and queues the revocation', async () => {
		const net = fakeFetch(() => 'offline');
		expect(await signOut(net.fetch)).toBe('pending');
		expect(recallUser()).toBeNull();
		expect(isSignOutPending()).toBe(true);
	});

	it('keeps the revocation queued while the server answers 5xx', async () => {
		await signOut(fakeFetch(() => 'offline').fetch);
		const net = fakeFetch(() => new Response(null, { status: 503 }));
		expect(await revokePendingSession(net.fetch)).toBe('offline');
		expect(isSignOutPending()).toBe(true);
	});

	it('a queued sign-out is sent before the server is asked who is signed in', async () => {
		await signOut(fakeFetch(() => 'offline').fetch);
		// Back online, the cookie is still valid: /api/me would answer with the user.
		const net = fakeFetch((url) =>
			url === '/api/me'
				? new Response(JSON.stringify({ user }), { status: 200 })
				: new Response(null, { status: 204 })
		);
		await resolveIdentity(net.fetch, true);
		expect(net.calls).toEqual(['POST /api/auth/logout', 'GET /api/me']);
		expect(isSignOutPending()).toBe(false);
	});

	it('still offline, a queued sign-out leaves nobody signed in', async () => {
		await signOut(fakeFetch(() => 'offline').fetch);
		const net = fakeFetch(() => 'offline');
		expect(await resolveIdentity(net.fetch, true)).toEqual({
			user: null,
			offline: true,
			sessionExpired: false
		});
		expect(net.calls).toEqual(['POST /api/auth/logout']);
	});
});
