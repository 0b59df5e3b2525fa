import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/endpoint';
import { syncTokenView } from '$lib/server/memberships/views';

export const POST = endpoint({
	role: 'user',
	handle: async ({ caller, services }) => {
		const minted = await services.syncTokens.mint({
			userId: caller.user.id,
			sessionId: caller.session.id
		});
		// A bearer credential: no cache may keep a copy.
		return json(syncTokenView(minted), { headers: { 'cache-control': 'no-store' } });
	}
});
