import type { ServerConfig } from '../config';
import type { Db } from '../db';
import type { DocWriter } from '../doc-writer';
import { EngagementStore } from '../memberships/engagement-store';
import type { InviteService } from '../memberships/invite-service';
import type { MailQueue } from '../mail-queue/mail-queue';
import type { PackageService } from '../packages/package-service';
import type { SqliteUserLookup } from '../users';
import { CheckoutFollowUps } from './checkout-follow-ups';
import { InvoiceService } from './invoice-service';
import { ManualInvoices } from './manual-invoices';
import { OverdueReminders } from './overdue-reminders';
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
	manual: ManualInvoices;
	/** Queues the overdue reminders that are due; the composition root calls it periodically. */
	remindOverdue(): number;
	/** Finishes what a stopped server left undone (purchases, invitations, refunds in `sub:`). */
	resume(): Promise<void>;
	/** Whether Stripe is configured (otherwise payments are manual). */
	stripeEnabled: boolean;
}

export function createPayments(deps: {
	db: Db;
	config: Pick<ServerConfig, 'stripe' | 'origin'>;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	users: SqliteUserLookup;
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
	const overdue = new OverdueReminders({
		...deps,
		store,
		engagements,
		origin: deps.config.origin,
		now
	});
	return {
		links: new PaymentLinks({ ...deps, store, gateway, engagements, now }),
		webhook: new StripeWebhook({ store, gateway, followUps, now }),
		invoices: new InvoiceService({ store, engagements, users: deps.users }),
		refunds,
		manual: new ManualInvoices({ store, engagements, now }),
		// Both run from timers and the start-up path: a failure is logged and retried next time,
		// never thrown into a timer (that would stop the server).
		remindOverdue: () => {
			try {
				return overdue.run();
			} catch (error) {
				console.error('payments: overdue reminders failed; retrying at the next sweep', error);
				return 0;
			}
		},
		async resume() {
			try {
				overdue.run();
				await followUps.resume();
				await refunds.resume();
			} catch (error) {
				console.error('payments: resuming unfinished payments failed', error);
			}
		},
		stripeEnabled: gateway !== null
	};
}
