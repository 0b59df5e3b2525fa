import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import type { EngagementStore } from '../memberships/engagement-store';
import { isKnownCurrency } from './money';
import type { Invoice, PaymentStore } from './payment-store';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CENTS = 100_000_000;

interface ManualInput {
	engagementId: string;
	description: string;
	amountCents: number;
	currency: string;
	sessions: number;
	dueInDays: number;
}

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

	create(coach: PublicUser, body: unknown): Result<Invoice> {
		const input = readManual(body);
		if (!input.ok) {
			return input;
		}
		const engagement = this.#engagements.byId(input.value.engagementId);
		if (!engagement || engagement.coachId !== coach.id) {
			return err('not-found', 'No such engagement.');
		}
		if (engagement.status === 'ended') {
			return err('conflict', 'This engagement has ended; it cannot be invoiced.');
		}
		const at = this.#now();
		const { description, sessions, amountCents, currency, dueInDays } = input.value;
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

function readManual(body: unknown): Result<ManualInput> {
	const r =
		typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: {};
	const { engagementId, description, amountCents, currency, sessions = 0, dueInDays = 14 } = r;
	if (typeof engagementId !== 'string' || engagementId === '') {
		return err('invalid-input', 'Send the "engagementId" of the client to invoice.');
	}
	if (typeof description !== 'string' || !description.trim() || description.length > 200) {
		return err('invalid-input', '"description" must be 1 to 200 characters.');
	}
	if (
		!Number.isInteger(amountCents) ||
		(amountCents as number) <= 0 ||
		(amountCents as number) > MAX_CENTS
	) {
		return err('invalid-input', '"amountCents" must be a whole number of cents above 0.');
	}
	if (typeof currency !== 'string' || !isKnownCurrency(currency)) {
		return err('invalid-input', '"currency" must be an ISO 4217 code such as "EUR".');
	}
	if (!Number.isInteger(sessions) || (sessions as number) < 0 || (sessions as number) > 1000) {
		return err('invalid-input', '"sessions" must be a whole number, 0 or more.');
	}
	if (!Number.isInteger(dueInDays) || (dueInDays as number) < 0 || (dueInDays as number) > 365) {
		return err('invalid-input', '"dueInDays" must be a whole number from 0 to 365.');
	}
	return ok({
		engagementId,
		description: description.trim(),
		amountCents: amountCents as number,
		currency: currency.toUpperCase(),
		sessions: sessions as number,
		dueInDays: dueInDays as number
	});
}
