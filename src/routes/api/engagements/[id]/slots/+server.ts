import { slotQuerySchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';

/**
 * Open slots of the engagement's coach: `?from=YYYY-MM-DD&days=N[&timeZone=<viewer zone>]`
 * (the days are counted in `timeZone`, the coach's zone by default).
 */
export const GET = endpoint({
	role: 'user',
	query: slotQuerySchema,
	handle: async ({ caller, query, event, services }) =>
		sendResult(
			await services.scheduling.bookings.slots(caller.user, event.params.id ?? '', query),
			(slots) => slots
		)
});
