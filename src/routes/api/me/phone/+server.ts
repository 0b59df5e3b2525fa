import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { PhoneService } from '$lib/server/phone/phone-service';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		return json({ user: await new PhoneService(useServices().database).of(caller.value.user) });
	});

export const PUT: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		// A phone number is a few dozen bytes; a larger body is not a real client.
		const body = await readJson(request, 1024);
		if (!body.ok) {
			return body.error;
		}
		const saved = await new PhoneService(useServices().database).set(caller.value.user, body.value);
		return saved.ok ? json({ user: saved.value }) : saved.error;
	});
