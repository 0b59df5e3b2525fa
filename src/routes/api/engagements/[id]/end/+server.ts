import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const ended = useServices().memberships.end(coach.value.id, params.id);
		return ended.ok ? json({ engagement: ended.value }) : ended.error;
	});
