import { apiRequest, type ApiResult } from '../../api/client';
import {
	creditNoteListSchema,
	invoiceListSchema,
	paymentLinkAnswerSchema,
	type PaymentLink,
	type PaymentLinkInput
} from '../../api/payments';

const enc = encodeURIComponent;

/** A link for an existing client: once paid, the purchase is added to their package. */
export function createPaymentLink(
	input: PaymentLinkInput
): Promise<ApiResult<{ link: PaymentLink }>> {
	return apiRequest('/api/payments/links', {
		method: 'POST',
		body: input,
		schema: paymentLinkAnswerSchema
	});
}

/** An invitation that is emailed only once the client has paid. */
export function inviteOnPayment(input: {
	name: string;
	email: string;
	packageId: string;
	message: string | null;
}): Promise<ApiResult<{ link: PaymentLink }>> {
	return apiRequest('/api/payments/invites', {
		method: 'POST',
		body: input,
		schema: paymentLinkAnswerSchema
	});
}

/** "Pay now": a Checkout link for one open invoice (needs a connection). */
export function payInvoice(invoiceId: string): Promise<ApiResult<{ link: PaymentLink }>> {
	return apiRequest(`/api/invoices/${enc(invoiceId)}/checkout`, {
		method: 'POST',
		schema: paymentLinkAnswerSchema
	});
}

/** A refund (through Stripe when it took the money) and its credit note. */
export function refundInvoice(
	invoiceId: string,
	input: { amountCents: number; sessionsRemoved: number }
): Promise<ApiResult<unknown>> {
	return apiRequest(`/api/invoices/${enc(invoiceId)}/refund`, { method: 'POST', body: input });
}

/** The coach received the money outside Stripe. */
export function markInvoicePaid(invoiceId: string): Promise<ApiResult<unknown>> {
	return apiRequest(`/api/invoices/${enc(invoiceId)}/mark-paid`, { method: 'POST' });
}

/** The signed-in user's invoices and credit notes (a coach's own, or a client's own). */
export function listInvoices() {
	return Promise.all([
		apiRequest('/api/invoices', { schema: invoiceListSchema }),
		apiRequest('/api/credit-notes', { schema: creditNoteListSchema })
	]);
}
