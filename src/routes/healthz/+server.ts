import { sql } from 'kysely';
import { endpoint } from '$lib/server/endpoint';

/** 200 when the app can reach its database; for load balancers and the test harness. */
export const GET = endpoint({
	role: 'public',
	handle: async ({ services }) => {
		await sql`SELECT 1`.execute(services.database.db);
		return new Response('ok', {
			headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
		});
	}
});
