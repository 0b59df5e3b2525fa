import { fail, redirect } from '@sveltejs/kit';
import { loginInputSchema } from '$lib/api/auth';
import { parseWith } from '$lib/api/parse';
import { homeFor, safeRedirectTarget } from '$lib/domain/navigation';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { deviceIdOf } from '$lib/server/auth/device-cookie';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const { auth, sessions, newDevices, config } = useServices();
		const userAgent = request.headers.get('user-agent') ?? '';
		const form = Object.fromEntries(await request.formData());
		const email = typeof form.email === 'string' ? form.email : '';
		// The same schema as POST /api/auth/login.
		const input = parseWith(loginInputSchema, form);
		if (!input.ok) {
			return fail(statusOf('invalid-input'), { email, error: input.message });
		}
		const result = await auth.login(input.value, getClientAddress(), userAgent);
		if (!result.ok) {
			return fail(statusOf(result.error.code), { email, error: result.error.message });
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		// The owner hears of a sign-in from a browser this account has not used before.
		await newDevices.signedIn(
			result.value.user,
			deviceIdOf(cookies, url),
			userAgent,
			config.origin ?? url.origin
		);
		redirect(
			303,
			safeRedirectTarget(url.searchParams.get('redirectTo')) ?? homeFor(result.value.user.role)
		);
	}
};
