import { json, type RequestHandler } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { bookingView } from '$lib/server/scheduling/booking-view';
import { useServices } from '$lib/server/services';

/**
 * The POST handler shared by the changes to one booking: any signed-in party may ask (the service
 * decides who may), the JSON body is optional (an empty one reads as `{}`), and the answer is the
 * booking as it now stands.
 */
export function bookingChange(change: 'cancel' | 'reschedule'): RequestHandler<{ id: string }> {
	return ({ locals, params, request }) =>
		respond(async () => {
			const caller = requireUser(locals);
			if (!caller.ok) {
				return caller.error;
			}
			const body = request.headers.get('content-length') === '0' ? null : await readJson(request);
			if (body && !body.ok) {
				return body.error;
			}
			const { bookings } = useServices().scheduling;
			const done = await bookings[change](caller.value.user, params.id, body?.value ?? {});
			return done.ok ? json({ booking: bookingView(done.value) }) : done.error;
		});
}
