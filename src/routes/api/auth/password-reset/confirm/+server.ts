import { resetConfirmInputSchema } from '$lib/api/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { endpoint } from '$lib/server/endpoint';
import { userResponse } from '$lib/server/http';

// `{ "token", "password" }` → 200 `{ user }`, signed in here; every other session has ended.
export const POST = endpoint({
	role: 'public',
	body: resetConfirmInputSchema,
	handle: async ({ input, event, services }) => {
		const result = await services.passwords.reset(
			input.token,
			input.password,
			services.config.origin ?? event.url.origin,
			event.request.headers.get('user-agent') ?? ''
		);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(
			event.cookies,
			result.value.token,
			event.url,
			services.sessions.policy.inactivityTimeoutMs
		);
		return userResponse(result.value.user);
	}
});
