import { endpoint, sendResult } from '$lib/server/endpoint';
import { inviteView } from '$lib/server/memberships/views';

// The param is the invite id here (the coach never sees tokens).
export const POST = endpoint({
	role: 'coach',
	handle: ({ caller, event, services }) =>
		sendResult(services.invites.revoke(caller.user, event.params.tokenOrId ?? ''), (invite) => ({
			invite: inviteView(invite)
		}))
});
