import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { inviteView } from '$lib/server/memberships/views';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// The param is the invite id here (the coach never sees tokens).
export const POST: RequestHandler = ({ locals, params }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const revoked = useServices().invites.revoke(coach.value, params.tokenOrId);
		return revoked.ok ? json({ invite: inviteView(revoked.value) }) : revoked.error;
	});
