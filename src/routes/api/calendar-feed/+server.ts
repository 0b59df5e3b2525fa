import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The caller's private calendar feed: `{ url, active }`. The URL is returned only when this call
 * created it (the server stores a hash); after that, POST rotate issues a new one.
 */
export const GET: RequestHandler = ({ locals, url }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { scheduling, config } = useServices();
		return json(scheduling.feeds.status(caller.value.user, config.origin ?? url.origin));
	});

/** Revokes the feed: its URL stops working at once. */
export const DELETE: RequestHandler = ({ locals }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		useServices().scheduling.feeds.revoke(caller.value.user);
		return new Response(null, { status: 204 });
	});
