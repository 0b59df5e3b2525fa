import { clearSessionCookie } from '$lib/server/auth/cookie';
import { endpoint } from '$lib/server/endpoint';

// Always 204: signing out twice, or without a session, leaves the same state behind.
export const POST = endpoint({
	role: 'public',
	handle: async ({ event, services }) => {
		if (event.locals.session) {
			await services.auth.logout(event.locals.session.id);
		}
		clearSessionCookie(event.cookies, event.url);
		return new Response(null, { status: 204 });
	}
});
