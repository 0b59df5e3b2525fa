import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The coach's bookable hours, zone, buffer, notice, horizon, cancellation notice and overrides. */
export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		return json({ availability: useServices().scheduling.bookings.availability(coach.value) });
	});

export const PUT: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const saved = useServices().scheduling.bookings.saveAvailability(coach.value, body.value);
		return saved.ok ? json({ availability: saved.value }) : saved.error;
	});
