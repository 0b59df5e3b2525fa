import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's private calendar feed link `{ url, active }`, created on first ask. */
export const GET: RequestHandler = ({ locals, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { scheduling, config } = useServices();
		return json(await scheduling.feeds.status(caller.value.user, config.origin ?? url.origin));
	});

/** Revokes the feed: its URL stops working at once. */
export const DELETE: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		await useServices().scheduling.feeds.revoke(caller.value.user);
		return new Response(null, { status: 204 });
	});
