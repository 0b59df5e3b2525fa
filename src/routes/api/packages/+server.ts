import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { packageView } from '$lib/server/packages/package-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		return json({ packages: useServices().packages.list(coach.value).map(packageView) });
	});

export const POST: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const created = useServices().packages.create(coach.value, body.value);
		return created.ok
			? json({ package: packageView(created.value) }, { status: 201 })
			: created.error;
	});
