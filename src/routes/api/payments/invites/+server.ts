import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { parseInvite } from '$lib/server/memberships/invite-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** An invite (same body as POST /api/invites, packageId required) whose email waits for payment. */
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
		const { payments, config } = useServices();
		const link = await payments.links.forInvite(
			coach.value,
			input.value,
			config.origin ?? url.origin
		);
		return link.ok ? json({ link: link.value }, { status: 201 }) : link.error;
	});
