import { setSessionCookie } from '$lib/server/auth/cookie';
import { failure } from '$lib/server/errors';
import { readJson, respond, userResponse } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// `{ "token", "password" }` → 200 `{ user }`, signed in here; every other session has ended.
export const POST: RequestHandler = ({ request, cookies, url }) =>
	respond(async () => {
		const { passwords, sessions, config } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const value = (body.value ?? {}) as { token?: unknown; password?: unknown };
		if (typeof value.token !== 'string' || value.token === '') {
			return failure('invalid-input', 'The reset link is missing its token.');
		}
		const password = typeof value.password === 'string' ? value.password : '';
		const result = await passwords.reset(
			value.token,
			password,
			config.origin ?? url.origin,
			request.headers.get('user-agent') ?? ''
		);
		if (!result.ok) {
			return result.error;
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		return userResponse(result.value.user);
	});
