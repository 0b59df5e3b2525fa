import { fail } from '@sveltejs/kit';
import { signupInputSchema } from '$lib/api/auth';
import { parseWith } from '$lib/api/parse';
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
		// The same schema as POST /api/auth/signup, so the form and the API say the same words.
		const input = parseWith(signupInputSchema, form);
		if (!input.ok) {
			return fail(statusOf('invalid-input'), { name, email, error: input.message });
		}
		await signup.request(input.value, config.origin ?? url.origin);
		return { sent: input.value.email };
	}
};
