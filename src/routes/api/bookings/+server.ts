import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { parseRange } from '$lib/server/scheduling/booking-input';
import { bookingView } from '$lib/server/scheduling/booking-view';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's bookings across engagements overlapping `?from=ISO&to=ISO`, cancelled ones included. */
export const GET: RequestHandler = ({ locals, url }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { scheduling } = useServices();
		const range = parseRange(url.searchParams, scheduling.now());
		if (!range.ok) {
			return range.error;
		}
		const bookings = scheduling.bookings.list(caller.value.user, range.value);
		return json({ bookings: bookings.map(bookingView) });
	});
