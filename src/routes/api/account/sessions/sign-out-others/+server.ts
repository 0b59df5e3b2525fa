import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';

/** "Sign out everywhere else": every session of the caller but this one ends → `{ signedOut }`. */
export const POST = endpoint({
	role: 'user',
	handle: async ({ caller, services }) =>
		json({
			signedOut: await services.sessions.invalidateOthersForUser(caller.user.id, caller.session.id)
		})
});
