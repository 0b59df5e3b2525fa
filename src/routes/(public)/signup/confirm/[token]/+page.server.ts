import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// No load: opening the link changes nothing (mail scanners open links too); the button does.
export const actions: Actions = {
	default: async ({ params, cookies, url }) => {
		const { signup, sessions } = useServices();
		const result = await signup.confirm(params.token);
		if (!result.ok) {
			return fail(statusOf(result.error.code), { error: result.error.message });
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		redirect(303, homeFor(result.value.user.role));
	}
};
