import { confirmInputSchema } from '$lib/api/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { endpoint } from '$lib/server/endpoint';
import { userResponse } from '$lib/server/http';

export const POST = endpoint({
	role: 'public',
	body: confirmInputSchema,
	handle: async ({ input, event, services }) => {
		const result = await services.signup.confirm(input.token);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(
			event.cookies,
			result.value.token,
			event.url,
			services.sessions.policy.inactivityTimeoutMs
		);
		return userResponse(result.value.user, 201);
	}
});
