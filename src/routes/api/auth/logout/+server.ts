import { clearSessionCookie } from '$lib/server/auth/cookie';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Always 204: signing out twice, or without a session, leaves the same state behind.
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) {
		await useServices().auth.logout(locals.session.id);
	}
	clearSessionCookie(cookies, url);
	return new Response(null, { status: 204 });
};
