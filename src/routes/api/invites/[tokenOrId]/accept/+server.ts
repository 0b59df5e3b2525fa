import { json } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { readJson, respond } from '$lib/server/http';
import { parseAccept } from '$lib/server/memberships/invite-input';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, request, cookies, url, getClientAddress }) =>
	respond(async () => {
		const { inviteAcceptance, sessions } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseAccept(body.value);
		if (!input.ok) {
			return input.error;
		}
		const accepted = await inviteAcceptance.accept(
			params.tokenOrId,
			input.value,
			getClientAddress()
		);
		if (!accepted.ok) {
			return accepted.error;
		}
		const { signedIn, engagementId } = accepted.value;
		setSessionCookie(cookies, signedIn.token, url, sessions.policy.inactivityTimeoutMs);
		return json({ user: signedIn.user, engagementId }, { status: 201 });
	});
