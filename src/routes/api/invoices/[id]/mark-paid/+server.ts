import { endpoint, sendResult } from '$lib/server/endpoint';
import { invoiceView } from '$lib/server/payments/invoice-service';

/** The coach received the money outside Stripe (bank transfer, cash). */
export const POST = endpoint({
	role: 'coach',
	handle: ({ caller, event, services }) =>
		sendResult(
			services.payments.manual.markPaid(caller.user, event.params.id ?? ''),
			(invoice) => ({ invoice: invoiceView(invoice) })
		)
});
