import { json } from '@sveltejs/kit';
import { phoneInputSchema } from '$lib/api/account';
import { endpoint } from '$lib/server/endpoint';

export const GET = endpoint({
	role: 'user',
	handle: async ({ caller, services }) => json({ user: await services.phones.of(caller.user) })
});

export const PUT = endpoint({
	role: 'user',
	body: phoneInputSchema,
	// A phone number is a few dozen bytes; a larger body is not a real client.
	maxBytes: 1024,
	handle: async ({ caller, input, services }) =>
		json({ user: await services.phones.set(caller.user, input.phone) })
});
