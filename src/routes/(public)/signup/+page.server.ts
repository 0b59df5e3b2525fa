import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import { parseSignup } from '$lib/server/auth/auth-input';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const { auth, sessions } = useServices();
		const form = Object.fromEntries(await request.formData());
		const name = typeof form.name === 'string' ? form.name : '';
		const email = typeof form.email === 'string' ? form.email : '';
		const input = parseSignup(form);
		const result = input.ok ? await auth.signupCoach(input.value) : input;
		if (!result.ok) {
			return fail(statusOf(result.error.code), { name, email, error: result.error.message });
		}
		setSessionCookie(cookies, result.value.token, url, sessions.policy.inactivityTimeoutMs);
		redirect(303, homeFor(result.value.user.role));
	}
};
