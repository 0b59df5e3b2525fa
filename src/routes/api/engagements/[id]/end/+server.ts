import { endpoint, sendResult } from '$lib/server/endpoint';

export const POST = endpoint({
	role: 'coach',
	handle: ({ caller, event, services }) =>
		sendResult(services.memberships.end(caller.user.id, event.params.id ?? ''), (engagement) => ({
			engagement
		}))
});
