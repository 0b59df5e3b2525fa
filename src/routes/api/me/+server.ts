import { errorResponse, failure } from '$lib/server/errors';
import { userResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	locals.user
		? userResponse(locals.user)
		: errorResponse(failure('unauthenticated', 'Not signed in.'));
