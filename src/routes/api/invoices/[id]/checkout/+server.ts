import { endpoint, sendResult } from '$lib/server/endpoint';

/** "Pay now": a Stripe Checkout link for one open invoice, for its client (or its coach). */
export const POST = endpoint({
	role: 'user',
	handle: async ({ caller, event, services }) => {
		const origin = services.config.origin ?? event.url.origin;
		const link = await services.payments.links.forInvoice(
			caller.user,
			event.params.id ?? '',
			origin
		);
		return sendResult(link, (made) => ({ link: made }), 201);
	}
});
