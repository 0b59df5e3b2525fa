import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { useServices } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET here just goes home.
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) {
			await useServices().auth.logout(locals.session.id);
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/login?signedOut=1');
	}
};
