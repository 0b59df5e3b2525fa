import { endpoint } from '$lib/server/endpoint';

/** 200 when the app can reach its database; for load balancers and the test harness. */
export const GET = endpoint({
	role: 'public',
	handle: ({ services }) => {
		services.db.prepare('SELECT 1').get();
		return new Response('ok', {
			headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
		});
	}
});
