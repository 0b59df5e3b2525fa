import { parseLogin } from '$lib/server/auth/auth-input';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { deviceIdOf } from '$lib/server/auth/device-cookie';
import { respond, readJson, userResponse } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, url, getClientAddress }) =>
	respond(async () => {
		const { auth, sessions, newDevices, config } = useServices();
		const userAgent = request.headers.get('user-agent') ?? '';
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseLogin(body.value);
		if (!input.ok) {
			return input.error;
		}
		const result = await auth.login(input.value, getClientAddress(), userAgent);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		// The owner hears of a sign-in from a browser this account has not used before.
		await newDevices.signedIn(
			result.value.user,
			deviceIdOf(cookies, url),
			userAgent,
			config.origin ?? url.origin
		);
		return userResponse(result.value.user);
	});
