import { fail } from '@sveltejs/kit';
import { emailProblem, normalizeEmail } from '$lib/domain/account';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// No load (the page renders offline from the shell); the action answers the same for any address.
export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const { passwords, config } = useServices();
		const form = await request.formData();
		const typed = String(form.get('email') ?? '');
		const email = normalizeEmail(typed);
		const problem = emailProblem(email);
		if (problem) {
			return fail(400, { email: typed, error: problem });
		}
		const result = await passwords.requestReset(
			email,
			config.origin ?? url.origin,
			getClientAddress()
		);
		if (!result.ok) {
			return fail(statusOf(result.error.code), { email: typed, error: result.error.message });
		}
		return { sent: true, email };
	}
};
