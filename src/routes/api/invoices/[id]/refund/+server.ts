import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { creditNoteView } from '$lib/server/payments/invoice-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** `{ amountCents, sessionsRemoved? }` → a refund (through Stripe when it took the money) and its credit note. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const note = await useServices().payments.refunds.refund(coach.value, params.id, body.value);
		return note.ok ? json({ creditNote: creditNoteView(note.value) }, { status: 201 }) : note.error;
	});
