import { publicSessionId } from '$lib/server/auth/session-store';
import { endpoint } from '$lib/server/endpoint';
import { failure } from '$lib/server/errors';

/** Signs one of the caller's other devices out (its live connections close); 204. */
export const DELETE = endpoint({
	role: 'user',
	handle: async ({ caller, event, services }) => {
		const id = event.params.id ?? '';
		if (id === publicSessionId(caller.session.id)) {
			return failure('invalid-input', 'This is the device you are using: use Sign out instead.');
		}
		if (!(await services.sessions.invalidateByPublicId(caller.user.id, id))) {
			return failure('not-found', 'That device is already signed out.');
		}
		return new Response(null, { status: 204 });
	}
});
