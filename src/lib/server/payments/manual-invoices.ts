import type { ManualInvoiceInput } from '../../api/payments';
import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import type { EngagementStore } from '../memberships/engagement-store';
import type { Invoice, PaymentStore } from './payment-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Invoices a coach writes by hand (payments outside Stripe: bank transfer, cash): issued open,
 * numbered like every other invoice, and marked paid by the coach when the money arrives.
 */
export class ManualInvoices {
	#store: PaymentStore;
	#engagements: EngagementStore;
	#now: () => number;

	constructor(deps: { store: PaymentStore; engagements: EngagementStore; now: () => number }) {
		this.#store = deps.store;
		this.#engagements = deps.engagements;
		this.#now = deps.now;
	}

	create(coach: PublicUser, input: ManualInvoiceInput): Result<Invoice> {
		const engagement = this.#engagements.byId(input.engagementId);
		if (!engagement || engagement.coachId !== coach.id) {
			return err('not-found', 'No such engagement.');
		}
		if (engagement.status === 'ended') {
			return err('conflict', 'This engagement has ended; it cannot be invoiced.');
		}
		const at = this.#now();
		const { description, sessions, amountCents, currency, dueInDays } = input;
		return ok(
			this.#store.transaction(() =>
				this.#store.insertInvoice({
					coachId: coach.id,
					engagementId: engagement.id,
					status: 'open',
					description,
					sessions,
					totalCents: amountCents,
					currency,
					issuedAt: at,
					dueAt: at + dueInDays * DAY_MS,
					paidAt: null
				})
			)
		);
	}

	/** The coach received the money outside Stripe; the invoice and a manual payment record it. */
	markPaid(coach: PublicUser, invoiceId: string): Result<Invoice> {
		const store = this.#store;
		const invoice = store.invoice(invoiceId);
		if (!invoice || invoice.coachId !== coach.id) {
			return err('not-found', 'No such invoice.');
		}
		if (invoice.status !== 'open') {
			return err(
				'conflict',
				`This invoice is ${invoice.status}; only an open one can be marked paid.`
			);
		}
		const at = this.#now();
		store.transaction(() => {
			store.markInvoicePaid(invoice.id, at);
			store.insertPayment({
				invoiceId: invoice.id,
				provider: 'manual',
				providerRef: null,
				amountCents: invoice.totalCents,
				currency: invoice.currency,
				at
			});
		});
		const updated = store.invoice(invoice.id);
		return updated ? ok(updated) : err('not-found', 'No such invoice.');
	}
}
