import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Stripe's events are a few kilobytes; the signature is checked over the exact bytes sent.
const MAX_WEBHOOK_BYTES = 256 * 1024;

/** Stripe's webhook: no session, no Origin; the Stripe-Signature over the raw body is the auth. */
export const POST: RequestHandler = ({ request }) =>
	respond(async () => {
		const body = await request.text();
		if (new TextEncoder().encode(body).byteLength > MAX_WEBHOOK_BYTES) {
			return new Response(null, { status: 413 });
		}
		const handled = await useServices().payments.webhook.handle(
			body,
			request.headers.get('stripe-signature')
		);
		return handled.ok ? json({ received: true, outcome: handled.value }) : handled.error;
	});
