import { parseLogin } from '$lib/server/auth/auth-input';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { respond, readJson, userResponse } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, url, getClientAddress }) =>
	respond(async () => {
		const { auth, sessions } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseLogin(body.value);
		if (!input.ok) {
			return input.error;
		}
		const result = await auth.login(
			input.value,
			getClientAddress(),
			request.headers.get('user-agent') ?? ''
		);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		return userResponse(result.value.user);
	});
