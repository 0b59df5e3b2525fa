import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseSlotQuery } from '$lib/server/scheduling/booking-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Open slots of the engagement's coach: `?from=YYYY-MM-DD&days=N[&timeZone=<viewer zone>]`
 * (the days are counted in `timeZone`, the coach's zone by default).
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const query = parseSlotQuery(url.searchParams);
		if (!query.ok) {
			return query.error;
		}
		const { scheduling } = useServices();
		const slots = await scheduling.bookings.slots(caller.value.user, params.id, query.value);
		return slots.ok ? json(slots.value) : slots.error;
	});
