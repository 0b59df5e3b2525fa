import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { invoiceView } from '$lib/server/payments/invoice-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The coach received the money outside Stripe (bank transfer, cash). */
export const POST: RequestHandler = ({ locals, params }) =>
	respond(() => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const paid = useServices().payments.manual.markPaid(coach.value, params.id);
		return paid.ok ? json({ invoice: invoiceView(paid.value) }) : paid.error;
	});
