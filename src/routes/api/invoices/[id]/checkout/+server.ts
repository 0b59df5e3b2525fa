import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** "Pay now": a Stripe Checkout link for one open invoice, for its client (or its coach). */
export const POST: RequestHandler = ({ locals, params, url }) =>
	respond(async () => {
		const signedIn = requireUser(locals);
		if (!signedIn.ok) {
			return signedIn.error;
		}
		const { payments, config } = useServices();
		const link = await payments.links.forInvoice(
			signedIn.value.user,
			params.id,
			config.origin ?? url.origin
		);
		return link.ok ? json({ link: link.value }, { status: 201 }) : link.error;
	});
