import { redirect } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

// The signed-in area renders in the browser only: it reads local documents (IndexedDB) and
// must open from the service worker's cache with the network off.
export const ssr = false;

export const load: LayoutLoad = async ({ parent, url }) => {
	const { user, sessionExpired } = await parent();
	if (!user) {
		const back = encodeURIComponent(url.pathname + url.search);
		redirect(303, `/login?redirectTo=${back}${sessionExpired ? '&expired=1' : ''}`);
	}
	return { user };
};
