import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** "Sign out everywhere else": every session of the caller but this one ends → `{ signedOut }`. */
export const POST: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		const signedOut = await useServices().sessions.invalidateOthersForUser(user.id, session.id);
		return json({ signedOut });
	});
