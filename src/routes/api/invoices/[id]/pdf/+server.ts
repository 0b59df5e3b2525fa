import { endpoint } from '$lib/server/endpoint';
import { pdfResponse } from '$lib/server/payments/pdf-response';

/** The invoice as a PDF for its coach and its client; 404 for anyone else. */
export const GET = endpoint({
	role: 'user',
	handle: async ({ caller, event, services }) => {
		const pdf = await services.payments.invoices.pdf(caller.user, event.params.id ?? '');
		return pdf.ok ? pdfResponse(pdf.value) : pdf.error;
	}
});
