import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseRead } from '$lib/server/notifications/notification-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Marks `{ ids }` (the caller's own; others are ignored) or `{ all: true }` as read. */
export const POST: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseRead(body.value);
		if (!input.ok) {
			return input.error;
		}
		return json(useServices().notifications.markRead(caller.value.user, input.value.ids));
	});
