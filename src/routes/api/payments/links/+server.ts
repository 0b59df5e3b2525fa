import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** `{ engagementId, packageId }` → a Stripe Checkout link for that client and package. */
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
		const { payments, config } = useServices();
		const link = await payments.links.forEngagement(
			coach.value,
			body.value,
			config.origin ?? url.origin
		);
		return link.ok ? json({ link: link.value }, { status: 201 }) : link.error;
	});
