import * as v from 'valibot';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { parseInvite } from '$lib/server/memberships/invite-input';

/**
 * An invite (same body as POST /api/invites, packageId required) whose email waits for payment.
 * The body is the invite's, read by the invites' own parser until it has a wire schema.
 */
export const POST = endpoint({
	role: 'coach',
	body: v.unknown(),
	handle: async ({ caller, input, event, services }) => {
		const invite = parseInvite(input);
		if (!invite.ok) {
			return invite.error;
		}
		const origin = services.config.origin ?? event.url.origin;
		const link = await services.payments.links.forInvite(caller.user, invite.value, origin);
		return sendResult(link, (made) => ({ link: made }), 201);
	}
});
