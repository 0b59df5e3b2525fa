import { json } from '@sveltejs/kit';
import { readInputSchema } from '$lib/api/notifications';
import { endpoint } from '$lib/server/endpoint';

/** Marks `{ ids }` (the caller's own; others are ignored) or `{ all: true }` as read. */
export const POST = endpoint({
	role: 'user',
	body: readInputSchema,
	handle: ({ caller, input, services }) =>
		json(services.notifications.markRead(caller.user, input.ids))
});
