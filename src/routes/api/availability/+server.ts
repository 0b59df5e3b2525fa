import { json } from '@sveltejs/kit';
import { availabilitySchema } from '$lib/api/scheduling';
import { endpoint, sendResult } from '$lib/server/endpoint';

/** The coach's bookable hours, zone, buffer, notice, horizon, cancellation notice and overrides. */
export const GET = endpoint({
	role: 'coach',
	handle: ({ caller, services }) =>
		json({ availability: services.scheduling.bookings.availability(caller.user) })
});

export const PUT = endpoint({
	role: 'coach',
	body: availabilitySchema,
	handle: ({ caller, input, services }) =>
		sendResult(
			services.scheduling.bookings.saveAvailability(caller.user, input),
			(availability) => ({
				availability
			})
		)
});
