import { failure } from '$lib/server/errors';
import { publicSessionId } from '$lib/server/auth/session-store';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Signs one of the caller's other devices out (its live connections close); 204. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		if (params.id === publicSessionId(session.id)) {
			return failure('invalid-input', 'This is the device you are using: use Sign out instead.');
		}
		if (!(await useServices().sessions.invalidateByPublicId(user.id, params.id))) {
			return failure('not-found', 'That device is already signed out.');
		}
		return new Response(null, { status: 204 });
	});
