import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { inviteView } from '$lib/server/memberships/views';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// The param is the invite id here (the coach never sees tokens).
export const POST: RequestHandler = ({ locals, params, url }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const { invites, config } = useServices();
		const sent = await invites.resend(coach.value, params.tokenOrId, config.origin ?? url.origin);
		return sent.ok ? json({ invite: inviteView(sent.value) }) : sent.error;
	});
