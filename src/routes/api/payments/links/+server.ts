import { paymentLinkInputSchema } from '$lib/api/payments';
import { endpoint, sendResult } from '$lib/server/endpoint';

/** `{ engagementId, packageId }` → a Stripe Checkout link for that client and package. */
export const POST = endpoint({
	role: 'coach',
	body: paymentLinkInputSchema,
	handle: async ({ caller, input, event, services }) => {
		const origin = services.config.origin ?? event.url.origin;
		const link = await services.payments.links.forEngagement(caller.user, input, origin);
		return sendResult(link, (made) => ({ link: made }), 201);
	}
});
