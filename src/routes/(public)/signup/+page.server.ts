import { fail } from '@sveltejs/kit';
import { parseSignup } from '$lib/server/auth/auth-input';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

export const actions: Actions = {
	// The same answer whether or not the address has an account: the email says which.
	default: async ({ request, url }) => {
		const { signup, config } = useServices();
		const form = Object.fromEntries(await request.formData());
		const name = typeof form.name === 'string' ? form.name : '';
		const email = typeof form.email === 'string' ? form.email : '';
		const input = parseSignup(form);
		if (!input.ok) {
			return fail(statusOf(input.error.code), { name, email, error: input.error.message });
		}
		await signup.request(input.value, config.origin ?? url.origin);
		return { sent: input.value.email };
	}
};
