import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseEvent } from '$lib/server/notifications/notification-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A browser reports an event it caused; 201 when recorded now, 200 when it was already known. */
export const POST: RequestHandler = ({ locals, request, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = await readJson(request, 4096);
		if (!body.ok) {
			return body.error;
		}
		const input = parseEvent(body.value);
		if (!input.ok) {
			return input.error;
		}
		const reported = await useServices().notifications.report(
			caller.value.user,
			input.value,
			url.origin
		);
		if (!reported.ok) {
			return reported.error;
		}
		return json(reported.value, { status: reported.value.recorded ? 201 : 200 });
	});
