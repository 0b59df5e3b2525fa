import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { packageView } from '$lib/server/packages/package-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const updated = useServices().packages.update(coach.value, params.id, body.value);
		return updated.ok ? json({ package: packageView(updated.value) }) : updated.error;
	});

/** Archives: engagements that were given the package keep their copy of its terms. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const archived = useServices().packages.archive(coach.value, params.id);
		return archived.ok ? new Response(null, { status: 204 }) : archived.error;
	});
