import { json } from '@sveltejs/kit';
import type { CalendarFeedLink } from '$lib/api/scheduling';
import { endpoint } from '$lib/server/endpoint';

/** A new secret feed URL; the previous one stops working. */
export const POST = endpoint({
	role: 'user',
	handle: async ({ caller, event, services }) => {
		const origin = services.config.origin ?? event.url.origin;
		const feed: CalendarFeedLink = {
			url: await services.scheduling.feeds.rotate(caller.user, origin),
			active: true
		};
		return json(feed);
	}
});
