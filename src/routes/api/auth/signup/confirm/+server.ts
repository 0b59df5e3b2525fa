import { setSessionCookie } from '$lib/server/auth/cookie';
import { failure } from '$lib/server/errors';
import { respond, readJson, userResponse } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, url }) =>
	respond(async () => {
		const { signup, sessions } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const token = (body.value as { token?: unknown } | null)?.token;
		if (typeof token !== 'string' || token === '') {
			return failure('invalid-input', 'The confirmation link is missing its token.');
		}
		const result = await signup.confirm(token);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		return userResponse(result.value.user, 201);
	});
