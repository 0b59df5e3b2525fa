import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import type { PageLoad } from './$types';

// Universal for the same reason as /login: it must render offline from the service worker.
export const load: PageLoad = async ({ parent }) => {
	const { user } = await parent();
	if (user) {
		redirect(303, homeFor(user.role));
	}
};
