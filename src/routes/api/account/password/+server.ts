import { json } from '@sveltejs/kit';
import { failure } from '$lib/server/errors';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// `{ "currentPassword", "newPassword" }` → 200 `{ "changed": true }`; this device stays signed in.
export const POST: RequestHandler = ({ locals, request, url }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const value = (body.value ?? {}) as { currentPassword?: unknown; newPassword?: unknown };
		if (typeof value.currentPassword !== 'string' || typeof value.newPassword !== 'string') {
			return failure('invalid-input', 'Send currentPassword and newPassword.');
		}
		const { passwords, config } = useServices();
		const { user, session } = caller.value;
		const result = await passwords.change(
			user.id,
			session.id,
			{ currentPassword: value.currentPassword, newPassword: value.newPassword },
			config.origin ?? url.origin
		);
		return result.ok ? json({ changed: true }) : result.error;
	});
