import { json } from '@sveltejs/kit';
import type { DeviceList } from '$lib/api/account';
import { deviceSummary } from '$lib/domain/device-summary';
import { publicSessionId } from '$lib/server/auth/session-store';
import { endpoint } from '$lib/server/endpoint';

/** The caller's signed-in devices, most recently used first; `current` marks this one. */
export const GET = endpoint({
	role: 'user',
	handle: async ({ caller, services }) => {
		const currentId = publicSessionId(caller.session.id);
		const devices = (await services.sessions.listForUser(caller.user.id)).map((d) => ({
			id: d.publicId,
			device: deviceSummary(d.userAgent),
			signedInAt: new Date(d.signedInAt).toISOString(),
			lastUsedAt: new Date(d.lastUsedAt).toISOString(),
			current: d.publicId === currentId
		}));
		return json({ devices } satisfies DeviceList);
	}
});
