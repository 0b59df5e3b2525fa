import type Stripe from 'stripe';
import { err, ok, type Result } from '../errors';
import type { CheckoutFollowUps } from './checkout-follow-ups';
import type { Checkout, PaymentStore } from './payment-store';
import type { StripeGateway } from './stripe-gateway';

export interface WebhookDeps {
	store: PaymentStore;
	gateway: StripeGateway | null;
	followUps: CheckoutFollowUps;
	now: () => number;
	log?: (line: string) => void;
}

/** What a verified event did, for logs and tests; every outcome is a 2xx to Stripe. */
export type WebhookOutcome = 'settled' | 'expired' | 'duplicate' | 'ignored';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `POST /api/payments/stripe/webhook`. Only a verified event changes anything; the event id is
 * recorded in the transaction that applies it, so a duplicate or replayed event changes nothing.
 * The redirect back from Checkout proves nothing: a checkout is settled here and only here.
 */
export class StripeWebhook {
	#d: WebhookDeps;
	#log: (line: string) => void;

	constructor(deps: WebhookDeps) {
		this.#d = deps;
		this.#log = deps.log ?? ((line) => console.warn(line));
	}

	async handle(rawBody: string, signature: string | null): Promise<Result<WebhookOutcome>> {
		const { gateway } = this.#d;
		if (!gateway) {
			return err('not-found', 'Stripe is not configured on this server.');
		}
		if (!signature) {
			return err('invalid-input', 'The Stripe-Signature header is missing.');
		}
		let event: Stripe.Event;
		try {
			event = gateway.verify(rawBody, signature);
		} catch {
			return err('invalid-input', 'The Stripe-Signature does not match this body.');
		}
		const checkout = this.#checkoutOf(event);
		const outcome = this.#apply(event, checkout);
		const current = checkout ? this.#d.store.checkout(checkout.id) : null;
		// Duplicates run the follow-ups too: Stripe retries until they have all succeeded.
		if (current && !(await this.#d.followUps.run(current))) {
			return err('unavailable', 'The payment is recorded; finishing it failed, retry later.');
		}
		return ok(outcome);
	}

	/** The checkout an event is about, if it is one of ours and says what we asked for. */
	#checkoutOf(event: Stripe.Event): Checkout | null {
		if (!event.type.startsWith('checkout.session.')) {
			return null;
		}
		const session = event.data.object as Stripe.Checkout.Session;
		const checkout = this.#d.store.checkoutBySession(session.id);
		if (!checkout) {
			this.#log(`payments: event ${event.id} names an unknown checkout session; ignored`);
			return null;
		}
		// A session is settled only for the coach, amount and currency its link was made for.
		const sameCoach = session.metadata?.coachId === checkout.coachId;
		const sameCheckout = session.metadata?.checkoutId === checkout.id;
		const sameAmount =
			session.amount_total === checkout.amountCents &&
			session.currency?.toUpperCase() === checkout.currency;
		if (!sameCoach || !sameCheckout || !sameAmount) {
			this.#log(`payments: event ${event.id} does not match checkout ${checkout.id}; ignored`);
			return null;
		}
		return checkout;
	}

	#apply(event: Stripe.Event, checkout: Checkout | null): WebhookOutcome {
		const { store, now } = this.#d;
		return store.transaction((): WebhookOutcome => {
			if (!store.recordEvent(event.id, event.type, now())) {
				return 'duplicate';
			}
			if (!checkout) {
				return 'ignored';
			}
			const current = store.checkout(checkout.id);
			if (!current) {
				return 'ignored';
			}
			const session = event.data.object as Stripe.Checkout.Session;
			const paid =
				(event.type === 'checkout.session.completed' && session.payment_status === 'paid') ||
				event.type === 'checkout.session.async_payment_succeeded';
			if (paid) {
				return current.status === 'paid' ? 'duplicate' : this.#settle(current, session);
			}
			// Out of order: an expiry that arrives after the payment changes nothing.
			if (event.type === 'checkout.session.expired' && current.status === 'open') {
				store.markCheckout(current.id, 'expired', { at: now() });
				return 'expired';
			}
			return 'ignored';
		});
	}

	/** Inside the event's transaction: the invoice (its number), the payment, the checkout. */
	#settle(checkout: Checkout, session: Stripe.Checkout.Session): WebhookOutcome {
		const { store, now } = this.#d;
		const at = now();
		// "Pay now" on an open invoice settles that invoice; a sale gets a new one.
		const invoice = checkout.invoiceId
			? this.#payOpen(checkout.invoiceId, at)
			: this.#newInvoice(checkout, at);
		if (!invoice) {
			return 'ignored';
		}
		const paymentIntent =
			typeof session.payment_intent === 'string' ? session.payment_intent : session.id;
		store.insertPayment({
			invoiceId: invoice,
			provider: 'stripe',
			providerRef: paymentIntent,
			amountCents: checkout.amountCents,
			currency: checkout.currency,
			at
		});
		store.markCheckout(checkout.id, 'paid', { invoiceId: invoice, at });
		return 'settled';
	}

	/** The open invoice's id once marked paid; null if it was paid (by hand) or voided meanwhile. */
	#payOpen(invoiceId: string, at: number): string | null {
		const { store } = this.#d;
		if (store.invoice(invoiceId)?.status !== 'open') {
			this.#log(`payments: invoice ${invoiceId} was paid online but is no longer open`);
			return null;
		}
		store.markInvoicePaid(invoiceId, at);
		return invoiceId;
	}

	#newInvoice(checkout: Checkout, at: number): string {
		const { store } = this.#d;
		const invoice = store.insertInvoice({
			coachId: checkout.coachId,
			engagementId: checkout.engagementId,
			status: 'paid',
			description: checkout.description,
			sessions: checkout.sessions,
			totalCents: checkout.amountCents,
			currency: checkout.currency,
			issuedAt: at,
			dueAt: at + 14 * DAY_MS,
			paidAt: at
		});
		return invoice.id;
	}
}
