import Stripe from 'stripe';
import type { StripeConfig } from '../config';

export interface CheckoutRequest {
	checkoutId: string;
	coachId: string;
	description: string;
	amountCents: number;
	currency: string;
	customerEmail: string;
	successUrl: string;
	cancelUrl: string;
}

/** The few Stripe calls Tandem makes; card data stays on Stripe's hosted page. */
export interface StripeGateway {
	createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }>;
	/** A full or partial refund of a PaymentIntent; the key makes a retried call refund once. */
	refund(request: { paymentIntent: string; amountCents: number; key: string }): Promise<{
		id: string;
	}>;
	/** Throws when the signature is missing, wrong or too old (Stripe's own check). */
	verify(rawBody: string, signature: string): Stripe.Event;
}

/**
 * Stripe's client, pointed at STRIPE_API_URL when set (a local fake in tests and staging, through
 * the client's own host/port/protocol options). Null without a secret key: payments are manual.
 */
export function stripeGateway(config: StripeConfig): StripeGateway | null {
	const { secretKey, webhookSecret, apiUrl } = config;
	if (!secretKey || !webhookSecret) {
		return null;
	}
	const stripe = new Stripe(secretKey, {
		maxNetworkRetries: 2,
		...(apiUrl
			? {
					host: apiUrl.hostname,
					port: apiUrl.port || (apiUrl.protocol === 'http:' ? 80 : 443),
					protocol: apiUrl.protocol === 'http:' ? 'http' : 'https'
				}
			: {})
	});
	return {
		async createCheckout(request) {
			const session = await stripe.checkout.sessions.create(
				{
					mode: 'payment',
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: request.currency.toLowerCase(),
								unit_amount: request.amountCents,
								product_data: { name: request.description }
							}
						}
					],
					customer_email: request.customerEmail,
					client_reference_id: request.checkoutId,
					metadata: { checkoutId: request.checkoutId, coachId: request.coachId },
					success_url: request.successUrl,
					cancel_url: request.cancelUrl
				},
				// A retried create (network blip) returns the same session instead of a second one.
				{ idempotencyKey: `checkout-${request.checkoutId}` }
			);
			if (!session.url) {
				throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
			}
			return { id: session.id, url: session.url };
		},
		async refund(request) {
			const refund = await stripe.refunds.create(
				{ payment_intent: request.paymentIntent, amount: request.amountCents },
				{ idempotencyKey: request.key }
			);
			return { id: refund.id };
		},
		verify(rawBody, signature) {
			return stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
		}
	};
}
