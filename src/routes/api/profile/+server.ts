import { json } from '@sveltejs/kit';
import { readJson, respond } from '$lib/server/http';
import { requireCoach } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// A 150 KB photo is about 200 KB as a data URL; the rest is bio, greeting and links.
const MAX_PROFILE_BYTES = 256 * 1024;

export const GET: RequestHandler = ({ locals }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		return json({ profile: await useServices().profiles.get(coach.value) });
	});

export const PUT: RequestHandler = ({ locals, request }) =>
	respond(async () => {
		const coach = requireCoach(locals);
		if (!coach.ok) {
			return coach.error;
		}
		const body = await readJson(request, MAX_PROFILE_BYTES);
		if (!body.ok) {
			return body.error;
		}
		const saved = await useServices().profiles.put(coach.value, body.value);
		return saved.ok ? json({ profile: saved.value }) : saved.error;
	});
