import { endpoint } from '$lib/server/endpoint';
import { userResponse } from '$lib/server/http';

/** The signed-in user `{ user }`, or 401. */
export const GET = endpoint({ role: 'user', handle: ({ caller }) => userResponse(caller.user) });
