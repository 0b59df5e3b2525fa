import { endpoint, sendResult } from '$lib/server/endpoint';

// Public: the link itself is the credential. The param is the emailed token here.
export const GET = endpoint({
	role: 'public',
	handle: ({ event, services }) =>
		sendResult(services.invites.preview(event.params.tokenOrId ?? ''), (invite) => ({ invite }))
});
