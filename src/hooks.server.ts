import type { Handle } from '@sveltejs/kit';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '$lib/server/auth/cookie';
import { errorResponse, failure } from '$lib/server/errors';
import { resolveIdempotently } from '$lib/server/idempotency/idempotency-hook';
import { isAllowedOrigin, isMutating } from '$lib/server/origin';
import { useServices } from '$lib/server/services';

export const handle: Handle = async ({ event, resolve }) => {
	const { auth, sessions, config } = useServices();
	const { request, url, cookies } = event;

	if (
		isMutating(request.method) &&
		!isAllowedOrigin(
			{
				origin: request.headers.get('origin'),
				secFetchSite: request.headers.get('sec-fetch-site')
			},
			config.origin ?? url.origin
		)
	) {
		return errorResponse(failure('forbidden', 'Cross-origin request refused.'));
	}

	const token = cookies.get(sessionCookieName(url.protocol === 'https:'));
	const current = await auth.current(token, request.headers.get('user-agent') ?? '');
	if (token && !current) {
		clearSessionCookie(cookies, url);
	} else if (current?.refreshed && token) {
		setSessionCookie(cookies, token, url, sessions.remainingMs(current.session));
	}
	event.locals.user = current?.user ?? null;
	event.locals.session = current?.session ?? null;
	return resolveIdempotently(event, resolve);
};
