import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Everything under (app) needs a signed-in user; the path comes back after sign-in.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user: locals.user };
};
