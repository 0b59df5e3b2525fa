import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { syncTokenView } from '$lib/server/memberships/views';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		const minted = await useServices().syncTokens.mint({ userId: user.id, sessionId: session.id });
		// A bearer credential: no cache may keep a copy.
		return json(syncTokenView(minted), { headers: { 'cache-control': 'no-store' } });
	});
