import { json } from '@sveltejs/kit';
import { failure } from '$lib/server/errors';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// `{ "newEmail", "password" }` → 202: the new address gets a link that makes the change.
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
		const value = (body.value ?? {}) as { newEmail?: unknown; password?: unknown };
		if (typeof value.newEmail !== 'string' || typeof value.password !== 'string') {
			return failure('invalid-input', 'Send newEmail and password.');
		}
		const { emailChanges, config } = useServices();
		const result = await emailChanges.request(
			caller.value.user.id,
			{ newEmail: value.newEmail, password: value.password },
			config.origin ?? url.origin
		);
		return result.ok ? json({ status: 'check-email' }, { status: 202 }) : result.error;
	});
