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
import { Refunds } from './refunds';
import { stripeGateway } from './stripe-gateway';
import { StripeWebhook } from './stripe-webhook';

export interface PaymentServices {
	links: PaymentLinks;
	webhook: StripeWebhook;
	invoices: InvoiceService;
	refunds: Refunds;
	/** Finishes what a stopped server left undone (purchases, invitations, refunds in `sub:`). */
	resume(): Promise<void>;
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
	const refunds = new Refunds({ store, gateway, docWriter: deps.docWriter, now });
	return {
		links: new PaymentLinks({ ...deps, store, gateway, engagements, now }),
		webhook: new StripeWebhook({ store, gateway, followUps, now }),
		invoices: new InvoiceService({ store, engagements, users: deps.users }),
		refunds,
		async resume() {
			await followUps.resume();
			await refunds.resume();
		},
		stripeEnabled: gateway !== null
	};
}
