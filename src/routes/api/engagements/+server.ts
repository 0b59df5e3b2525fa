import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';

export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) => json(services.memberships.list(caller.user))
});
