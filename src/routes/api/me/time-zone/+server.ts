import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseTimeZoneBody, UserTimeZones } from '$lib/server/scheduling/user-time-zone';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The signed-in browser reports its zone once per session (`{ timeZone }`, IANA), so emails
 * to this user show their local time. The Origin check for mutating requests is in the hook.
 */
export const PUT: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		// A zone name is a few dozen bytes; a larger body is not a real client.
		const body = await readJson(request, 512);
		if (!body.ok) {
			return body.error;
		}
		const zone = parseTimeZoneBody(body.value);
		if (!zone.ok) {
			return zone.error;
		}
		const changed = new UserTimeZones(useServices().db).set(caller.value.user.id, zone.value);
		return json({ timeZone: zone.value, changed });
	});
