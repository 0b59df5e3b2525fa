import { json } from '@sveltejs/kit';
import { deviceSummary } from '$lib/domain/device-summary';
import { publicSessionId } from '$lib/server/auth/session-store';
import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's signed-in devices, most recently used first; `current` marks this one. */
export const GET: RequestHandler = ({ locals }) =>
	respond(async () => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		const currentId = publicSessionId(session.id);
		const devices = (await useServices().sessions.listForUser(user.id)).map((d) => ({
			id: d.publicId,
			device: deviceSummary(d.userAgent),
			signedInAt: new Date(d.signedInAt).toISOString(),
			lastUsedAt: new Date(d.lastUsedAt).toISOString(),
			current: d.publicId === currentId
		}));
		return json({ devices });
	});
