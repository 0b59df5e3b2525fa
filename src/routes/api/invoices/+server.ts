import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { invoiceView } from '$lib/server/payments/invoice-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** A coach's own invoices, or a client's own; nobody else's (README "Payments"). */
export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const signedIn = requireUser(locals);
		if (!signedIn.ok) {
			return signedIn.error;
		}
		const invoices = useServices().payments.invoices.list(signedIn.value.user);
		return json({ invoices: invoices.map(invoiceView) });
	});
