import { cancelSchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { bookingView } from '$lib/server/scheduling/booking-view';

/**
 * Cancels a booking (`{ "reason"? }`, or no body); clients only until the coach's notice period.
 * Any party of the booking may ask: the service decides.
 */
export const POST = endpoint({
	role: 'user',
	body: cancelSchema,
	emptyBody: {},
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.scheduling.bookings.cancel(caller.user, event.params.id ?? '', input),
			(booking) => ({ booking: bookingView(booking) })
		)
});
