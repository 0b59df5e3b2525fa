import { inviteInputSchema } from '$lib/api/invites';
import { endpoint, sendResult } from '$lib/server/endpoint';

/** An invite (same body as POST /api/invites, packageId required) whose email waits for payment. */
export const POST = endpoint({
	role: 'coach',
	body: inviteInputSchema,
	handle: async ({ caller, input, event, services }) => {
		const origin = services.config.origin ?? event.url.origin;
		const link = await services.payments.links.forInvite(caller.user, input, origin);
		return sendResult(link, (made) => ({ link: made }), 201);
	}
});
