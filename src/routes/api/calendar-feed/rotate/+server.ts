import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A new secret feed URL; the previous one stops working. */
export const POST: RequestHandler = ({ locals, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { scheduling, config } = useServices();
		const feedUrl = await scheduling.feeds.rotate(caller.value.user, config.origin ?? url.origin);
		return json({ url: feedUrl, active: true });
	});
