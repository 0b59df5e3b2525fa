import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { bookingView } from '$lib/server/scheduling/booking-view';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Books a session: the coach for their client, or the client (self-booking) an offered slot. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const { scheduling } = useServices();
		const booked = await scheduling.bookings.book(caller.value.user, params.id, body.value);
		return booked.ok ? json({ booking: bookingView(booked.value) }, { status: 201 }) : booked.error;
	});
