import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseSettings } from '$lib/server/notifications/notification-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		return json(useServices().notifications.settings(caller.value.user));
	});

export const PUT: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseSettings(body.value);
		if (!input.ok) {
			return input.error;
		}
		return json(useServices().notifications.saveSettings(caller.value.user, input.value));
	});
