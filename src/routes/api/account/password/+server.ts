import { passwordChangeInputSchema } from '$lib/api/account';
import { endpoint, sendResult } from '$lib/server/endpoint';

// `{ "currentPassword", "newPassword" }` → 200 `{ "changed": true }`; this device stays signed in.
export const POST = endpoint({
	role: 'user',
	body: passwordChangeInputSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.passwords.change(
				caller.user.id,
				caller.session.id,
				input,
				services.config.origin ?? event.url.origin
			),
			() => ({ changed: true })
		)
});
