import { sql } from 'kysely';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** 200 when the app can reach its database; for load balancers and the test harness. */
export const GET: RequestHandler = async () => {
	await sql`SELECT 1`.execute(useServices().database.db);
	return new Response('ok', {
		headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
	});
};
