import { json } from '@sveltejs/kit';
import { inviteInputSchema } from '$lib/api/invites';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { inviteView } from '$lib/server/memberships/views';

export const GET = endpoint({
	role: 'coach',
	handle: ({ caller, services }) =>
		json({ invites: services.invites.list(caller.user).map(inviteView) })
});

export const POST = endpoint({
	role: 'coach',
	body: inviteInputSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.invites.create(caller.user, input, services.config.origin ?? event.url.origin),
			(invite) => ({ invite: inviteView(invite) }),
			201
		)
});
