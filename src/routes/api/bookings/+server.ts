import { bookingRangeQuerySchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { bookingView } from '$lib/server/scheduling/booking-view';

/** The caller's bookings across engagements overlapping `?from=ISO&to=ISO`, cancelled ones included. */
export const GET = endpoint({
	role: 'user',
	query: bookingRangeQuerySchema,
	handle: ({ caller, query, services }) =>
		sendResult(services.scheduling.bookings.listRange(caller.user, query), (bookings) => ({
			bookings: bookings.map(bookingView)
		}))
});
