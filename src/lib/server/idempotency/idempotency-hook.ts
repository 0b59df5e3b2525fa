import type { RequestEvent } from '@sveltejs/kit';
import { errorResponse } from '../errors';
import { isMutating } from '../origin';
import { useServices } from '../services';
import { IDEMPOTENCY_KEY_HEADER, keyProblem } from './idempotency';

/**
 * The hook's one call for Idempotency-Key: a signed-in user's mutating /api request that carries
 * the header goes through the Idempotency service; everything else is resolved as before.
 */
export async function resolveIdempotently(
	event: RequestEvent,
	resolve: (event: RequestEvent) => Response | Promise<Response>
): Promise<Response> {
	const { request, url, locals } = event;
	const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
	if (key === null || !locals.user || !isMutating(request.method) || !isApi(url.pathname)) {
		return await resolve(event);
	}
	const problem = keyProblem(key);
	if (problem) {
		return errorResponse(problem);
	}
	const keyed = {
		userId: locals.user.id,
		key,
		method: request.method.toUpperCase(),
		path: url.pathname
	};
	return useServices().idempotency.run(keyed, async () => resolve(event));
}

function isApi(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}
