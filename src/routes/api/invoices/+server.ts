import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach, requireUser } from '$lib/server/memberships/guards';
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

/** A coach writes an invoice by hand (paid outside Stripe): `{ engagementId, description, amountCents, currency, sessions?, dueInDays? }`. */
export const POST: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const created = useServices().payments.manual.create(coach.value, body.value);
		return created.ok
			? json({ invoice: invoiceView(created.value) }, { status: 201 })
			: created.error;
	});
