import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Gives the engagement a package from the coach's catalogue, written into its `sub:` document. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const { packageAssignment, memberships } = useServices();
		const assigned = await packageAssignment.assign(coach.value, params.id, body.value);
		return assigned.ok ? json({ engagement: memberships.view(assigned.value) }) : assigned.error;
	});
