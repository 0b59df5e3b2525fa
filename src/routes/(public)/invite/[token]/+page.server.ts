import { fail, redirect } from '@sveltejs/kit';
import { acceptInputSchema } from '$lib/api/invites';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { statusOf } from '$lib/server/errors';
import { parseInput } from '$lib/server/parse-input';
import { useServices } from '$lib/server/services';
import type { Actions } from './$types';

// The form twin of POST /api/invites/<token>/accept: same parser, same service, same cookie.
export const actions: Actions = {
	default: async ({ params, request, cookies, url, getClientAddress }) => {
		const { inviteAcceptance, sessions } = useServices();
		const form = Object.fromEntries(await request.formData());
		const name = typeof form.name === 'string' ? form.name : '';
		const input = parseInput(acceptInputSchema, form);
		const accepted = input.ok
			? await inviteAcceptance.accept(params.token, input.value, getClientAddress())
			: input;
		if (!accepted.ok) {
			return fail(statusOf(accepted.error.code), {
				name,
				error: accepted.error.message,
				code: accepted.error.code
			});
		}
		const { signedIn } = accepted.value;
		setSessionCookie(cookies, signedIn.token, url, sessions.policy.inactivityTimeoutMs);
		redirect(303, `/invite/${encodeURIComponent(params.token)}/welcome`);
	}
};
