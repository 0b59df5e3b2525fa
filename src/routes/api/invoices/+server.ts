import { json } from '@sveltejs/kit';
import { manualInvoiceInputSchema } from '$lib/api/payments';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { invoiceView } from '$lib/server/payments/invoice-service';

/** A coach's own invoices, or a client's own; nobody else's (README "Payments"). */
export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) =>
		json({ invoices: services.payments.invoices.list(caller.user).map(invoiceView) })
});

/** A coach writes an invoice by hand (paid outside Stripe): `{ engagementId, description, amountCents, currency, sessions?, dueInDays? }`. */
export const POST = endpoint({
	role: 'coach',
	body: manualInvoiceInputSchema,
	handle: ({ caller, input, services }) =>
		sendResult(
			services.payments.manual.create(caller.user, input),
			(invoice) => ({ invoice: invoiceView(invoice) }),
			201
		)
});
