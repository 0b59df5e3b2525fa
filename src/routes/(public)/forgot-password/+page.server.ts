import { fail } from '@sveltejs/kit';
import { resetRequestInputSchema } from '$lib/api/auth';
import { parseWith } from '$lib/api/parse';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// No load (the page renders offline from the shell); the action answers the same for any address.
export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const { passwords, config } = useServices();
		const form = Object.fromEntries(await request.formData());
		const typed = typeof form.email === 'string' ? form.email : '';
		// The same schema as POST /api/auth/password-reset.
		const input = parseWith(resetRequestInputSchema, form);
		if (!input.ok) {
			return fail(400, { email: typed, error: input.message });
		}
		const { email } = input.value;
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
