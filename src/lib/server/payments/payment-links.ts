import type { PaymentLink, PaymentLinkInput } from '../../api/payments';
import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import type { EngagementStore } from '../memberships/engagement-store';
import type { InviteInput } from '../../api/invites';
import type { InviteService } from '../memberships/invite-service';
import type { PackageService } from '../packages/package-service';
import { isKnownCurrency } from './money';
import type { PaymentStore } from './payment-store';
import type { StripeGateway } from './stripe-gateway';

export interface PaymentLinkDeps {
	store: PaymentStore;
	gateway: StripeGateway | null;
	engagements: EngagementStore;
	packages: PackageService;
	invites: InviteService;
	now: () => number;
}

const NO_STRIPE = 'Stripe is not configured on this server; payments are manual.';

/** A coach's payment link for one package and one client: a Stripe Checkout session. */
export class PaymentLinks {
	#d: PaymentLinkDeps;

	constructor(deps: PaymentLinkDeps) {
		this.#d = deps;
	}

	/** For an existing engagement (pending or active): a renewal or top-up once paid. */
	async forEngagement(
		coach: PublicUser,
		input: PaymentLinkInput,
		origin: string
	): Promise<Result<PaymentLink>> {
		const { engagementId, packageId } = input;
		const engagement = this.#d.engagements.byId(engagementId);
		if (!engagement || engagement.coachId !== coach.id) {
			return err('not-found', 'No such engagement.');
		}
		if (engagement.status === 'ended') {
			return err('conflict', 'This engagement has ended; it cannot be sold a package.');
		}
		return this.#create({ coach, engagementId, email: engagement.clientEmail, packageId, origin });
	}

	/**
	 * Invites a new client whose invitation is sent only once they have paid: the invite and its
	 * pending engagement exist from now on, the email waits for the webhook (checkout-follow-ups).
	 */
	async forInvite(
		coach: PublicUser,
		input: InviteInput,
		origin: string
	): Promise<Result<PaymentLink>> {
		if (!input.packageId) {
			return err('invalid-input', 'Send the "packageId" the client pays for.');
		}
		const ready = this.#ready(coach, input.packageId);
		if (!ready.ok) {
			return ready;
		}
		const invite = await this.#d.invites.create(coach, input, origin, { holdEmail: true });
		if (!invite.ok) {
			return invite;
		}
		return this.#create({
			coach,
			engagementId: invite.value.engagementId,
			email: invite.value.email,
			packageId: input.packageId,
			inviteId: invite.value.id,
			origin
		});
	}

	/**
	 * "Pay now" on an open invoice (one written by hand): its client (or its coach, to send on)
	 * gets a Checkout link for exactly that invoice; the webhook marks that invoice paid.
	 */
	async forInvoice(
		user: PublicUser,
		invoiceId: string,
		origin: string
	): Promise<Result<PaymentLink>> {
		const { store, gateway } = this.#d;
		const invoice = store.invoice(invoiceId);
		if (!invoice || (invoice.coachId !== user.id && invoice.clientId !== user.id)) {
			return err('not-found', 'No such invoice.');
		}
		if (invoice.status !== 'open') {
			return err('conflict', `This invoice is ${invoice.status}; there is nothing to pay.`);
		}
		if (!gateway) {
			return err('unavailable', `${NO_STRIPE} Pay as your coach's invoice says.`);
		}
		const engagement = this.#d.engagements.byId(invoice.engagementId);
		if (!engagement) {
			return err('not-found', 'No such invoice.');
		}
		return this.#checkout(gateway, {
			coachId: invoice.coachId,
			engagementId: invoice.engagementId,
			email: engagement.clientEmail,
			packageId: null,
			invoiceId: invoice.id,
			description: invoice.description,
			sessions: invoice.sessions,
			amountCents: invoice.totalCents,
			currency: invoice.currency,
			origin
		});
	}

	/** The package a link may be made for: the coach's own, with a real price and currency. */
	#ready(coach: PublicUser, packageId: string) {
		if (!this.#d.gateway) {
			return err('unavailable', NO_STRIPE);
		}
		const pkg = this.#d.packages.usable(coach, packageId);
		if (!pkg.ok) {
			return err('invalid-input', 'That package is not in your catalogue.');
		}
		if (!Number.isInteger(pkg.value.priceCents) || pkg.value.priceCents <= 0) {
			return err('invalid-input', 'This package is free; there is nothing to pay.');
		}
		if (!isKnownCurrency(pkg.value.currency)) {
			return err('invalid-input', `"${pkg.value.currency}" is not a currency Tandem knows.`);
		}
		return ok({ gateway: this.#d.gateway, pkg: pkg.value });
	}

	async #create(input: {
		coach: PublicUser;
		engagementId: string;
		email: string;
		packageId: string;
		inviteId?: string;
		origin: string;
	}): Promise<Result<PaymentLink>> {
		const ready = this.#ready(input.coach, input.packageId);
		if (!ready.ok) {
			return ready;
		}
		const { gateway, pkg } = ready.value;
		return this.#checkout(gateway, {
			coachId: input.coach.id,
			engagementId: input.engagementId,
			email: input.email,
			packageId: pkg.id,
			inviteId: input.inviteId,
			description: pkg.name,
			sessions: pkg.sessionsTotal,
			amountCents: pkg.priceCents,
			currency: pkg.currency,
			origin: input.origin
		});
	}

	async #checkout(
		gateway: StripeGateway,
		input: {
			coachId: string;
			engagementId: string;
			email: string;
			packageId: string | null;
			inviteId?: string;
			invoiceId?: string;
			description: string;
			sessions: number;
			amountCents: number;
			currency: string;
			origin: string;
		}
	): Promise<Result<PaymentLink>> {
		const { store } = this.#d;
		// Written before Stripe is asked, so a webhook can never arrive for a checkout we lack.
		const checkoutId = store.insertCheckout({
			coachId: input.coachId,
			engagementId: input.engagementId,
			packageId: input.packageId,
			inviteId: input.inviteId ?? null,
			...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
			origin: input.origin,
			description: input.description,
			sessions: input.sessions,
			amountCents: input.amountCents,
			currency: input.currency,
			createdAt: this.#d.now()
		});
		try {
			const session = await gateway.createCheckout({
				checkoutId,
				coachId: input.coachId,
				description: input.description,
				amountCents: input.amountCents,
				currency: input.currency,
				customerEmail: input.email,
				successUrl: `${input.origin}/payments/complete`,
				cancelUrl: `${input.origin}/payments/cancelled`
			});
			store.attachStripeSession(checkoutId, session.id, session.url);
			return ok({ checkoutId, engagementId: input.engagementId, url: session.url });
		} catch (error) {
			console.error('payments: Stripe refused or could not be reached', error);
			store.deleteCheckout(checkoutId);
			return err('unavailable', 'Stripe could not be reached; try again in a moment.');
		}
	}
}
