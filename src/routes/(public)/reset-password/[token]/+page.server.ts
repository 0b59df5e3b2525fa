import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// No load: opening the link changes nothing (mail scanners open links too); submitting does.
export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const { passwords, sessions, config } = useServices();
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		if (password !== String(form.get('confirm') ?? '')) {
			return fail(400, { error: 'The two passwords are not the same.' });
		}
		const result = await passwords.reset(
			params.token,
			password,
			config.origin ?? url.origin,
			request.headers.get('user-agent') ?? ''
		);
		if (!result.ok) {
			return fail(statusOf(result.error.code), { error: result.error.message });
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		redirect(303, homeFor(result.value.user.role));
	}
};
