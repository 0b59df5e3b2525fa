import { json } from '@sveltejs/kit';
import { deleteAccountInputSchema, type DeletionPlan } from '$lib/api/account';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { endpoint } from '$lib/server/endpoint';
import { failure } from '$lib/server/errors';
import { IDEMPOTENCY_KEY_HEADER } from '$lib/server/idempotency/idempotency';

/** What deleting the signed-in account would do to each engagement (the confirmation list). */
export const GET = endpoint({
	role: 'user',
	handle: async ({ caller, services }) =>
		json({
			role: caller.user.role,
			engagements: await services.accountDeletion.impact(caller.user)
		} satisfies DeletionPlan)
});

/** `{ "password" }` → 200 `{ "deleted": true }`, the session cookie cleared. */
export const POST = endpoint({
	role: 'user',
	body: deleteAccountInputSchema,
	handle: async ({ caller, input, event, services }) => {
		if (event.request.headers.has(IDEMPOTENCY_KEY_HEADER)) {
			// The hook would store the answer under the user after they are gone (a foreign-key
			// failure); deleting is idempotent by nature anyway (a retry gets 401).
			return failure('invalid-input', 'Send this request without an Idempotency-Key.');
		}
		const deleted = await services.accountDeletion.delete(caller.user, input.password);
		if (!deleted.ok) {
			return deleted.error;
		}
		clearSessionCookie(event.cookies, event.url);
		return json({ deleted: true, notified: deleted.value.notified.length });
	}
});
