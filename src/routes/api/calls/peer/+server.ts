import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Issues a PeerJS id bound to the caller; the only way to get one (see docs/calls.md). */
export const POST: RequestHandler = ({ locals }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		const issued = useServices().calls.issue({ userId: user.id, sessionId: session.id });
		// Whoever holds the id can sign in to signaling as this user's tab: never cache it.
		return json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
	});
