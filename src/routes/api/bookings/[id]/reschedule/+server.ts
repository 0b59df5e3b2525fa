import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { bookingView } from '$lib/server/scheduling/booking-view';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Moves a booking (`{ "startsAt" }`, same UID, SEQUENCE + 1); clients only until the notice period. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = request.headers.get('content-length') === '0' ? null : await readJson(request);
		if (body && !body.ok) {
			return body.error;
		}
		const { scheduling } = useServices();
		const done = await scheduling.bookings.reschedule(
			caller.value.user,
			params.id,
			body?.value ?? {}
		);
		return done.ok ? json({ booking: bookingView(done.value) }) : done.error;
	});
