import { json } from '@sveltejs/kit';
import { acceptInputSchema } from '$lib/api/invites';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { endpoint } from '$lib/server/endpoint';

// Public: the emailed token is the credential; accepting signs the invitee in.
export const POST = endpoint({
	role: 'public',
	body: acceptInputSchema,
	handle: async ({ input, event, services }) => {
		const accepted = await services.inviteAcceptance.accept(
			event.params.tokenOrId ?? '',
			input,
			event.getClientAddress()
		);
		if (!accepted.ok) {
			return accepted.error;
		}
		const { signedIn, engagementId } = accepted.value;
		const timeoutMs = services.sessions.policy.inactivityTimeoutMs;
		setSessionCookie(event.cookies, signedIn.token, event.url, timeoutMs);
		return json({ user: signedIn.user, engagementId }, { status: 201 });
	}
});
