import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';

/** The caller's notifications, newest first, with the unread count. */
export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) => json(services.notifications.list(caller.user))
});
