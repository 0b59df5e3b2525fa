import { json } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { failure } from '$lib/server/errors';
import { readJson, respond } from '$lib/server/http';
import { IDEMPOTENCY_KEY_HEADER } from '$lib/server/idempotency/idempotency';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** What deleting the signed-in account would do to each engagement (the confirmation list). */
export const GET: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user } = caller.value;
		return json({ role: user.role, engagements: await useServices().accountDeletion.impact(user) });
	});

/** `{ "password" }` → 200 `{ "deleted": true }`, the session cookie cleared. */
export const POST: RequestHandler = ({ locals, request, cookies, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		if (request.headers.has(IDEMPOTENCY_KEY_HEADER)) {
			// The hook would store the answer under the user after they are gone (a foreign-key
			// failure); deleting is idempotent by nature anyway (a retry gets 401).
			return failure('invalid-input', 'Send this request without an Idempotency-Key.');
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const value = body.value as { password?: unknown };
		if (typeof value !== 'object' || value === null || typeof value.password !== 'string') {
			return failure('invalid-input', 'Enter your password to delete your account.');
		}
		const deleted = await useServices().accountDeletion.delete(caller.value.user, value.password);
		if (!deleted.ok) {
			return deleted.error;
		}
		clearSessionCookie(cookies, url);
		return json({ deleted: true, notified: deleted.value.notified.length });
	});
