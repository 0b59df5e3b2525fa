import { endpoint } from '$lib/server/endpoint';

/** A user's private calendar feed for calendar apps: no cookie, the secret is in the path. */
export const GET = endpoint({
	role: 'public',
	handle: async ({ event, services }) => {
		const body = await services.scheduling.feeds.render(event.params.token ?? '');
		if (body === null) {
			return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
		}
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': 'inline; filename="tandem.ics"',
				// Calendar apps poll; the secret URL must not be cached by shared caches.
				'cache-control': 'private, no-cache'
			}
		});
	}
});
