import { loginInputSchema } from '$lib/api/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { deviceIdOf } from '$lib/server/auth/device-cookie';
import { endpoint } from '$lib/server/endpoint';
import { userResponse } from '$lib/server/http';

export const POST = endpoint({
	role: 'public',
	body: loginInputSchema,
	handle: async ({ input, event, services }) => {
		const { cookies, url } = event;
		const userAgent = event.request.headers.get('user-agent') ?? '';
		const result = await services.auth.login(input, event.getClientAddress(), userAgent);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(
			cookies,
			result.value.token,
			url,
			services.sessions.policy.inactivityTimeoutMs
		);
		// The owner hears of a sign-in from a browser this account has not used before.
		await services.newDevices.signedIn(
			result.value.user,
			deviceIdOf(cookies, url),
			userAgent,
			services.config.origin ?? url.origin
		);
		return userResponse(result.value.user);
	}
});
