import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { creditNoteView } from '$lib/server/payments/invoice-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A coach's own credit notes, or a client's own; nobody else's. */
export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const signedIn = requireUser(locals);
		if (!signedIn.ok) {
			return signedIn.error;
		}
		const notes = useServices().payments.invoices.creditNotes(signedIn.value.user);
		return json({ creditNotes: notes.map(creditNoteView) });
	});
