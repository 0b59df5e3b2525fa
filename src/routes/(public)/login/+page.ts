import { redirect } from '@sveltejs/kit';
import { homeFor, safeRedirectTarget } from '$lib/domain/navigation';
import type { PageLoad } from './$types';

// Universal, not a server load: offline, the service worker's shell renders this page in the
// browser, where a server load would have to be fetched and would fail.
export const load: PageLoad = async ({ parent, url }) => {
	const { user } = await parent();
	if (user) {
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')) ?? homeFor(user.role));
	}
};
