/**
 * The payments half of the HTTP contract: what the payment-link, invoice and refund endpoints
 * accept and what they answer. Amounts are integers in minor units with an ISO 4217 currency.
 */

import * as v from 'valibot';
import { isCurrencyCode } from '../domain/currency';
import { keyedMessages } from './keyed-messages';

const wholeNumber = (message: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
	v.custom<number>(
		(n) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max,
		message
	);

const LINK_MESSAGE = 'Send { "engagementId", "packageId" }.';
const id = v.pipe(v.string(LINK_MESSAGE), v.trim(), v.nonEmpty(LINK_MESSAGE));

/** `POST /api/payments/links`: a Checkout link for this client and package. */
export const paymentLinkInputSchema = v.object({ engagementId: id, packageId: id }, LINK_MESSAGE);
export type PaymentLinkInput = v.InferOutput<typeof paymentLinkInputSchema>;

const AMOUNT_MESSAGE = '"amountCents" must be a whole number of cents above 0.';
const SESSIONS_REMOVED_MESSAGE = '"sessionsRemoved" must be a whole number, 0 or more.';

/** `POST /api/invoices/:id/refund`: how much goes back, and how many sessions with it. */
export const refundInputSchema = v.object(
	{
		amountCents: wholeNumber(AMOUNT_MESSAGE, 1),
		sessionsRemoved: v.optional(wholeNumber(SESSIONS_REMOVED_MESSAGE, 0), 0)
	},
	AMOUNT_MESSAGE
);
export type RefundInput = v.InferOutput<typeof refundInputSchema>;

/** The largest invoice a coach may write by hand (a million in major units). */
export const MAX_MANUAL_CENTS = 100_000_000;

const MANUAL_MESSAGES = {
	engagementId: 'Send the "engagementId" of the client to invoice.',
	description: '"description" must be 1 to 200 characters.',
	amountCents: '"amountCents" must be a whole number of cents above 0.',
	currency: '"currency" must be an ISO 4217 code such as "EUR".',
	sessions: '"sessions" must be a whole number, 0 or more.',
	dueInDays: '"dueInDays" must be a whole number from 0 to 365.'
};

/** `POST /api/invoices`: an invoice the coach writes by hand (paid outside Stripe). */
export const manualInvoiceInputSchema = v.object(
	{
		engagementId: v.pipe(
			v.string(MANUAL_MESSAGES.engagementId),
			v.nonEmpty(MANUAL_MESSAGES.engagementId)
		),
		// The limit counts what was sent; the stored text is trimmed.
		description: v.pipe(
			v.string(MANUAL_MESSAGES.description),
			v.maxLength(200, MANUAL_MESSAGES.description),
			v.trim(),
			v.nonEmpty(MANUAL_MESSAGES.description)
		),
		amountCents: wholeNumber(MANUAL_MESSAGES.amountCents, 1, MAX_MANUAL_CENTS),
		currency: v.pipe(
			v.string(MANUAL_MESSAGES.currency),
			v.toUpperCase(),
			v.check(isCurrencyCode, MANUAL_MESSAGES.currency)
		),
		sessions: v.optional(wholeNumber(MANUAL_MESSAGES.sessions, 0, 1000), 0),
		dueInDays: v.optional(wholeNumber(MANUAL_MESSAGES.dueInDays, 0, 365), 14)
	},
	keyedMessages(MANUAL_MESSAGES, MANUAL_MESSAGES.engagementId)
);
export type ManualInvoiceInput = v.InferOutput<typeof manualInvoiceInputSchema>;

/* ---- answers ---- */

/** A Stripe Checkout link made for one client and package (or one open invoice). */
export const paymentLinkSchema = v.object({
	checkoutId: v.string(),
	engagementId: v.string(),
	url: v.string()
});
export type PaymentLink = v.InferOutput<typeof paymentLinkSchema>;
export const paymentLinkAnswerSchema = v.object({ link: paymentLinkSchema });

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'refunded'] as const;

/** An invoice as `GET /api/invoices` lists it (instants as ISO UTC). */
export const invoiceSummarySchema = v.object({
	id: v.string(),
	number: v.number(),
	status: v.picklist(INVOICE_STATUSES),
	totalCents: v.number(),
	currency: v.string(),
	clientId: v.nullable(v.string()),
	issuedAt: v.string(),
	dueAt: v.string(),
	pdfUrl: v.string()
});
export type InvoiceSummary = v.InferOutput<typeof invoiceSummarySchema>;
export const invoiceListSchema = v.object({ invoices: v.array(invoiceSummarySchema) });

/** A credit note as `GET /api/credit-notes` lists it. */
export const creditNoteSummarySchema = v.object({
	id: v.string(),
	number: v.number(),
	invoiceId: v.string(),
	amountCents: v.number(),
	currency: v.string(),
	sessionsRemoved: v.number(),
	clientId: v.nullable(v.string()),
	issuedAt: v.string(),
	pdfUrl: v.string()
});
export type CreditNoteSummary = v.InferOutput<typeof creditNoteSummarySchema>;
export const creditNoteListSchema = v.object({ creditNotes: v.array(creditNoteSummarySchema) });
