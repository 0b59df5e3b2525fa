import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { parseInvite } from '$lib/server/memberships/invite-input';
import { inviteView } from '$lib/server/memberships/views';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		return json({ invites: useServices().invites.list(coach.value).map(inviteView) });
	});

export const POST: RequestHandler = ({ locals, request, url }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseInvite(body.value);
		if (!input.ok) {
			return input.error;
		}
		const { invites, config } = useServices();
		const created = await invites.create(coach.value, input.value, config.origin ?? url.origin);
		if (!created.ok) {
			return created.error;
		}
		return json({ invite: inviteView(created.value) }, { status: 201 });
	});
