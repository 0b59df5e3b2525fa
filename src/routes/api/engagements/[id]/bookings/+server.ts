import { bookingRequestSchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { bookingView } from '$lib/server/scheduling/booking-view';

/** Books a session: the coach for their client, or the client (self-booking) an offered slot. */
export const POST = endpoint({
	role: 'user',
	body: bookingRequestSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.scheduling.bookings.book(caller.user, event.params.id ?? '', input),
			(booking) => ({ booking: bookingView(booking) }),
			201
		)
});
