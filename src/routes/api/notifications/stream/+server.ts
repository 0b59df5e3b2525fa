import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { notificationStream } from '$lib/server/notifications/notification-stream';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The caller's notifications, live (server-sent events); see notification-stream.ts. */
export const GET: RequestHandler = ({ locals }) =>
	respond(() => {
		const caller = requireUser(locals);
		if (!caller.ok) {
			return caller.error;
		}
		const { user, session } = caller.value;
		const { notifications, sessions } = useServices();
		const body = notificationStream({
			list: () => notifications.list(user),
			subscribe: (onChange) => notifications.subscribe(user.id, onChange),
			onRevoked: (revoked) =>
				sessions.onRevoke((ids) => {
					if (ids.includes(session.id)) {
						revoked();
					}
				}),
			heartbeatMs: notifications.heartbeatMs
		});
		return new Response(body, {
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-store',
				// Proxies (nginx) would otherwise hold the events back in a buffer.
				'x-accel-buffering': 'no'
			}
		});
	});
