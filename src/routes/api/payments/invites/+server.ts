import { json } from '@sveltejs/kit';
import { inviteInputSchema } from '$lib/api/invites';
import { endpoint } from '$lib/server/endpoint';

/** An invite (same body as POST /api/invites, packageId required) whose email waits for payment. */
export const POST = endpoint({
	role: 'coach',
	body: inviteInputSchema,
	handle: async ({ caller, input, event, services }) => {
		const origin = services.config.origin ?? event.url.origin;
		const link = await services.payments.links.forInvite(caller.user, input, origin);
		return link.ok ? json({ link: link.value }, { status: 201 }) : link.error;
	}
});
