import { resetRequestInputSchema } from '$lib/api/auth';
import { endpoint, sendResult } from '$lib/server/endpoint';

// `{ "email" }` → always 202 for a valid address, account or not: only the owner gets an email.
export const POST = endpoint({
	role: 'public',
	body: resetRequestInputSchema,
	handle: ({ input, event, services }) =>
		sendResult(
			services.passwords.requestReset(
				input.email,
				services.config.origin ?? event.url.origin,
				event.getClientAddress()
			),
			() => ({ status: 'check-email' }),
			202
		)
});
