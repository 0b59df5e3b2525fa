import type { ServerConfig } from '../config';
import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteService } from '../memberships/invite-service';
import type { PackageService } from '../packages/package-service';
import type { UserStore } from '../users';
import { CheckoutFollowUps } from './checkout-follow-ups';
import { InvoiceService } from './invoice-service';
import { PaymentLinks } from './payment-links';
import { PaymentStore } from './payment-store';
import { stripeGateway } from './stripe-gateway';
import { StripeWebhook } from './stripe-webhook';

export interface PaymentServices {
	links: PaymentLinks;
	webhook: StripeWebhook;
	invoices: InvoiceService;
	/** Finishes follow-ups a stopped server left undone; the composition root calls it at start. */
	followUps: CheckoutFollowUps;
	/** Whether Stripe is configured (otherwise payments are manual). */
	stripeEnabled: boolean;
}

export function createPayments(deps: {
	db: Db;
	config: Pick<ServerConfig, 'stripe'>;
	users: UserStore;
	packages: PackageService;
	invites: InviteService;
	docWriter: DocWriter;
	now?: () => number;
}): PaymentServices {
	const now = deps.now ?? Date.now;
	const store = new PaymentStore(deps.db);
	const engagements = new EngagementStore(deps.db, now);
	const gateway = stripeGateway(deps.config.stripe);
	const followUps = new CheckoutFollowUps({ ...deps, store, now });
	return {
		links: new PaymentLinks({ ...deps, store, gateway, engagements, now }),
		webhook: new StripeWebhook({ store, gateway, followUps, now }),
		invoices: new InvoiceService({ store, engagements, users: deps.users }),
		followUps,
		stripeEnabled: gateway !== null
	};
}
