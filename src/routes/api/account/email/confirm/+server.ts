import { confirmInputSchema } from '$lib/api/auth';
import { endpoint } from '$lib/server/endpoint';
import { userResponse } from '$lib/server/http';

// `{ "token" }` from the link sent to the new address → 200 `{ user }` with the new email.
export const POST = endpoint({
	role: 'public',
	body: confirmInputSchema,
	handle: async ({ input, event, services }) => {
		const result = await services.emailChanges.confirm(
			input.token,
			services.config.origin ?? event.url.origin
		);
		return result.ok ? userResponse(result.value) : result.error;
	}
});
