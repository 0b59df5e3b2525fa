import { endpoint, sendResult } from '$lib/server/endpoint';
import { inviteView } from '$lib/server/memberships/views';

// The param is the invite id here (the coach never sees tokens).
export const POST = endpoint({
	role: 'coach',
	handle: async ({ caller, event, services }) =>
		sendResult(
			await services.invites.resend(
				caller.user,
				event.params.tokenOrId ?? '',
				services.config.origin ?? event.url.origin
			),
			(invite) => ({ invite: inviteView(invite) })
		)
});
