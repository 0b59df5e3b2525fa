import { json } from '@sveltejs/kit';
import { timeZoneInputSchema, type TimeZoneBody } from '$lib/api/account';
import { endpoint } from '$lib/server/endpoint';

/**
 * The signed-in browser reports its zone once per session (`{ timeZone }`, IANA), so emails
 * to this user show their local time. The Origin check for mutating requests is in the hook.
 */
export const PUT = endpoint({
	role: 'user',
	body: timeZoneInputSchema,
	// A zone name is a few dozen bytes; a larger body is not a real client.
	maxBytes: 512,
	handle: ({ caller, input, services }) =>
		json({
			timeZone: input.timeZone,
			changed: services.timeZones.set(caller.user.id, input.timeZone)
		} satisfies TimeZoneBody)
});
