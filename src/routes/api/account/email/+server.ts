import { emailChangeInputSchema } from '$lib/api/account';
import { endpoint, sendResult } from '$lib/server/endpoint';

// `{ "newEmail", "password" }` → 202: the new address gets a link that makes the change.
export const POST = endpoint({
	role: 'user',
	body: emailChangeInputSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.emailChanges.request(
				caller.user.id,
				input,
				services.config.origin ?? event.url.origin
			),
			() => ({ status: 'check-email' }),
			202
		)
});
