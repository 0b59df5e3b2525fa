import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent }) => {
	const { user } = await parent();
	if (user.role !== 'coach') {
		redirect(303, homeFor(user.role));
	}
	return { user };
};
