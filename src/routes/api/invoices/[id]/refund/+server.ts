import { refundInputSchema } from '$lib/api/payments';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { creditNoteView } from '$lib/server/payments/invoice-service';

/** `{ amountCents, sessionsRemoved? }` → a refund (through Stripe when it took the money) and its credit note. */
export const POST = endpoint({
	role: 'coach',
	body: refundInputSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.payments.refunds.refund(caller.user, event.params.id ?? '', input),
			(note) => ({ creditNote: creditNoteView(note) }),
			201
		)
});
