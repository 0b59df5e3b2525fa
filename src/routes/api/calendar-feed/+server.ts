import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';

/** The caller's private calendar feed link `{ url, active }`, created on first ask. */
export const GET = endpoint({
	role: 'user',
	handle: async ({ caller, event, services }) =>
		json(
			await services.scheduling.feeds.status(
				caller.user,
				services.config.origin ?? event.url.origin
			)
		)
});

/** Revokes the feed: its URL stops working at once. */
export const DELETE = endpoint({
	role: 'user',
	handle: async ({ caller, services }) => {
		await services.scheduling.feeds.revoke(caller.user);
		return new Response(null, { status: 204 });
	}
});
