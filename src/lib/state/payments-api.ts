import { requestJson, type ApiResult } from './clients-api';

/** A Stripe Checkout link made for one client and package (README "Payments"). */
export interface PaymentLink {
	checkoutId: string;
	engagementId: string;
	url: string;
}

/** A link for an existing client: once paid, the purchase is added to their package. */
export function createPaymentLink(input: {
	engagementId: string;
	packageId: string;
}): Promise<ApiResult<{ link: PaymentLink }>> {
	return requestJson(fetch, '/api/payments/links', { method: 'POST', body: input });
}

/** An invitation that is emailed only once the client has paid. */
export function inviteOnPayment(input: {
	name: string;
	email: string;
	packageId: string;
	message: string | null;
}): Promise<ApiResult<{ link: PaymentLink }>> {
	return requestJson(fetch, '/api/payments/invites', { method: 'POST', body: input });
}

/** "Pay now": a Checkout link for one open invoice (needs a connection). */
export function payInvoice(invoiceId: string): Promise<ApiResult<{ link: PaymentLink }>> {
	return requestJson(fetch, `/api/invoices/${encodeURIComponent(invoiceId)}/checkout`, {
		method: 'POST'
	});
}

/** A refund (through Stripe when it took the money) and its credit note. */
export function refundInvoice(
	invoiceId: string,
	input: { amountCents: number; sessionsRemoved: number }
): Promise<ApiResult<unknown>> {
	return requestJson(fetch, `/api/invoices/${encodeURIComponent(invoiceId)}/refund`, {
		method: 'POST',
		body: input
	});
}

/** The coach received the money outside Stripe. */
export function markInvoicePaid(invoiceId: string): Promise<ApiResult<unknown>> {
	return requestJson(fetch, `/api/invoices/${encodeURIComponent(invoiceId)}/mark-paid`, {
		method: 'POST'
	});
}
