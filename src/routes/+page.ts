import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import type { PageLoad } from './$types';

// Universal so it renders offline. Signed in, the app opens; offline and signed out, nothing
// here works, so the sign-in page says a connection is needed.
export const load: PageLoad = async ({ parent }) => {
	const { user, offline } = await parent();
	if (user) {
		redirect(303, homeFor(user.role));
	}
	if (offline) {
		redirect(303, '/login');
	}
};
