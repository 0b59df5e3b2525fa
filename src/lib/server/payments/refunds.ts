import type { RefundInput } from '../../api/payments';
import type { PublicUser } from '../../domain/account';
import { createActor } from '../../docs/actor';
import { serverOrigin } from '../../docs/origin';
import { setRefund } from '../../docs/subscription-purchases';
import { engagementDocs } from '../../sync/protocol';
import type { DocWriter } from '../doc-writer';
import { err, ok, type Result } from '../errors';
import type { CreditNote, Invoice, PaymentStore } from './payment-store';
import type { StripeGateway } from './stripe-gateway';

export interface RefundDeps {
	store: PaymentStore;
	gateway: StripeGateway | null;
	docWriter: DocWriter;
	now: () => number;
}

/**
 * A coach refunds (all or part of) a paid invoice: through Stripe when Stripe took the money,
 * then a credit note with the coach's next credit-note number, and the purchase in `sub:` shows
 * the refund (and the sessions taken back, if the coach chose so).
 */
export class Refunds {
	#d: RefundDeps;

	constructor(deps: RefundDeps) {
		this.#d = deps;
	}

	async refund(
		coach: PublicUser,
		invoiceId: string,
		input: RefundInput
	): Promise<Result<CreditNote>> {
		const { store } = this.#d;
		const invoice = store.invoice(invoiceId);
		if (!invoice || invoice.coachId !== coach.id) {
			return err('not-found', 'No such invoice.');
		}
		const problem = this.#problem(invoice, input);
		if (problem) {
			return err(problem.code, problem.message);
		}
		const providerRef = await this.#refundAtStripe(invoice, input.amountCents);
		if (!providerRef.ok) {
			return providerRef;
		}
		const note = store.transaction((): Result<CreditNote> => {
			// A retried request after a crash gets the credit note its Stripe refund already made.
			const known = providerRef.value ? store.creditNoteByProviderRef(providerRef.value) : null;
			if (known) {
				return ok(known);
			}
			// Checked again under the write lock: two refunds at once cannot exceed the total.
			const again = this.#problem(invoice, input);
			if (again) {
				return err(again.code, again.message);
			}
			const created = store.insertCreditNote({
				coachId: coach.id,
				invoiceId: invoice.id,
				amountCents: input.amountCents,
				currency: invoice.currency,
				sessionsRemoved: input.sessionsRemoved,
				providerRef: providerRef.value,
				issuedAt: this.#d.now()
			});
			if (store.refundedOf(invoice.id).cents >= invoice.totalCents) {
				store.setInvoiceStatus(invoice.id, 'refunded');
			}
			return ok(created);
		});
		if (note.ok) {
			await this.writeToDoc(note.value);
		}
		return note;
	}

	/** Brings the purchase in `sub:` to the invoice's refund totals; retried at start if it fails. */
	async writeToDoc(note: CreditNote): Promise<void> {
		const { store } = this.#d;
		const invoice = store.invoice(note.invoiceId);
		if (!invoice) {
			return;
		}
		const refunded = store.refundedOf(invoice.id);
		const actor = createActor({
			userId: invoice.coachId,
			origin: serverOrigin('purchase-refunded'),
			now: this.#d.now
		});
		try {
			await this.#d.docWriter.withDoc(engagementDocs(invoice.engagementId).subscription, (doc) =>
				setRefund(doc, actor, {
					invoiceId: invoice.id,
					refundedCents: refunded.cents,
					sessions: Math.max(0, invoice.sessions - refunded.sessions)
				})
			);
			store.markCreditNoteWritten(note.id, this.#d.now());
		} catch (error) {
			console.error(`payments: writing credit note ${note.id} into sub: failed; will retry`, error);
		}
	}

	async resume(): Promise<void> {
		for (const note of this.#d.store.unwrittenCreditNotes()) {
			await this.writeToDoc(note);
		}
	}

	#problem(invoice: Invoice, input: RefundInput) {
		if (invoice.status !== 'paid') {
			return {
				code: 'conflict' as const,
				message: `This invoice is ${invoice.status}; only a paid invoice can be refunded.`
			};
		}
		const refunded = this.#d.store.refundedOf(invoice.id);
		if (input.amountCents > invoice.totalCents - refunded.cents) {
			return {
				code: 'invalid-input' as const,
				message: 'The refund is larger than what is left to refund on this invoice.'
			};
		}
		if (input.sessionsRemoved > invoice.sessions - refunded.sessions) {
			return {
				code: 'invalid-input' as const,
				message: 'More sessions than this purchase has left cannot be taken back.'
			};
		}
		return null;
	}

	async #refundAtStripe(invoice: Invoice, amountCents: number): Promise<Result<string | null>> {
		const payment = this.#d.store.paymentOf(invoice.id);
		if (payment?.provider !== 'stripe' || !payment.providerRef) {
			return ok(null);
		}
		if (!this.#d.gateway) {
			return err('unavailable', 'Stripe is not configured on this server; it cannot refund.');
		}
		const already = this.#d.store.refundedOf(invoice.id).cents;
		try {
			const refund = await this.#d.gateway.refund({
				paymentIntent: payment.providerRef,
				amountCents,
				// The same refund asked again (a retry after a crash) is one refund at Stripe.
				key: `refund-${invoice.id}-${already}-${amountCents}`
			});
			return ok(refund.id);
		} catch (error) {
			console.error(`payments: Stripe refused the refund of invoice ${invoice.id}`, error);
			return err('unavailable', 'Stripe could not make the refund; nothing was changed.');
		}
	}
}
