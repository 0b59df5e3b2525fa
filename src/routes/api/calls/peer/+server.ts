import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';

/** Issues a PeerJS id bound to the caller; the only way to get one (see docs/calls.md). */
export const POST = endpoint({
	role: 'user',
	handle: ({ caller, services }) => {
		const issued = services.calls.issue({ userId: caller.user.id, sessionId: caller.session.id });
		// Whoever holds the id can sign in to signaling as this user's tab: never cache it.
		return json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
	}
});
