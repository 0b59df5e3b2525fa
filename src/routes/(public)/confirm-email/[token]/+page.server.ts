import { fail } from '@sveltejs/kit';
import { statusOf } from '$lib/server/errors';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// No load: opening the link changes nothing (mail scanners open links too); the button does.
export const actions: Actions = {
	default: async ({ params, url }) => {
		const { emailChanges, config } = useServices();
		const result = await emailChanges.confirm(params.token, config.origin ?? url.origin);
		if (!result.ok) {
			return fail(statusOf(result.error.code), { error: result.error.message });
		}
		return { email: result.value.email };
	}
};
