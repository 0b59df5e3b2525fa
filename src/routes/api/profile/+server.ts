import { json } from '@sveltejs/kit';
import { profileInputSchema } from '$lib/api/profile';
import { endpoint, sendResult } from '$lib/server/endpoint';

// A 150 KB photo is about 200 KB as a data URL; the rest is bio, greeting and links.
const MAX_PROFILE_BYTES = 256 * 1024;

export const GET = endpoint({
	role: 'coach',
	handle: async ({ caller, services }) =>
		json({ profile: await services.profiles.get(caller.user) })
});

export const PUT = endpoint({
	role: 'coach',
	body: profileInputSchema,
	maxBytes: MAX_PROFILE_BYTES,
	handle: ({ caller, input, services }) =>
		sendResult(services.profiles.put(caller.user, input), (profile) => ({ profile }))
});
