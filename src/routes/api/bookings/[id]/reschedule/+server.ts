import { rescheduleSchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { bookingView } from '$lib/server/scheduling/booking-view';

/** Moves a booking (`{ "startsAt" }`, same UID, SEQUENCE + 1); clients only until the notice period. */
export const POST = endpoint({
	role: 'user',
	body: rescheduleSchema,
	emptyBody: {},
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.scheduling.bookings.reschedule(caller.user, event.params.id ?? '', input),
			(booking) => ({ booking: bookingView(booking) })
		)
});
