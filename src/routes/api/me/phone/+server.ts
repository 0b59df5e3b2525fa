import { json } from '@sveltejs/kit';
import { phoneInputSchema } from '$lib/api/account';
import { endpoint } from '$lib/server/endpoint';

export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) => json({ user: services.phones.of(caller.user) })
});

export const PUT = endpoint({
	role: 'user',
	body: phoneInputSchema,
	// A phone number is a few dozen bytes; a larger body is not a real client.
	maxBytes: 1024,
	handle: ({ caller, input, services }) =>
		json({ user: services.phones.set(caller.user, input.phone) })
});
