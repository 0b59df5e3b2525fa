import { fail, redirect } from '@sveltejs/kit';
import { homeFor, safeRedirectTarget } from '$lib/domain/navigation';
import { parseLogin } from '$lib/server/auth/auth-input';
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
		const input = parseLogin(form);
		const result = input.ok ? await auth.login(input.value, getClientAddress(), userAgent) : input;
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
