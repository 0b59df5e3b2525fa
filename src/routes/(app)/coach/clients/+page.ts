import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// The clients list lives at /coach (the coach's home); /coach/clients is kept as an alias.
export const load: PageLoad = () => {
	redirect(307, '/coach');
};
