import { failure } from '$lib/server/errors';
import { readJson, respond, userResponse } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// `{ "token" }` from the link sent to the new address → 200 `{ user }` with the new email.
export const POST: RequestHandler = ({ request, url }) =>
	respond(async () => {
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const token = (body.value as { token?: unknown } | null)?.token;
		if (typeof token !== 'string' || token === '') {
			return failure('invalid-input', 'The confirmation link is missing its token.');
		}
		const { emailChanges, config } = useServices();
		const result = await emailChanges.confirm(token, config.origin ?? url.origin);
		return result.ok ? userResponse(result.value) : result.error;
	});
