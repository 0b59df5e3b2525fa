import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { creditNoteView } from '$lib/server/payments/invoice-service';

/** A coach's own credit notes, or a client's own; nobody else's. */
export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) =>
		json({ creditNotes: services.payments.invoices.creditNotes(caller.user).map(creditNoteView) })
});
