import { endpoint, sendResult } from '$lib/server/endpoint';

// Stripe's events are a few kilobytes; the signature is checked over the exact bytes sent.
const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Stripe's webhook: no session, no Origin; the Stripe-Signature over the raw body is the auth,
 * so the body is read here as the exact bytes sent (no schema).
 */
export const POST = endpoint({
	role: 'public',
	handle: async ({ event, services }) => {
		const body = await event.request.text();
		if (new TextEncoder().encode(body).byteLength > MAX_WEBHOOK_BYTES) {
			return new Response(null, { status: 413 });
		}
		const handled = await services.payments.webhook.handle(
			body,
			event.request.headers.get('stripe-signature')
		);
		return sendResult(handled, (outcome) => ({ received: true, outcome }));
	}
});
