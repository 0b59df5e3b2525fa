import { endpoint } from '$lib/server/endpoint';
import { notificationStream } from '$lib/server/notifications/notification-stream';

/** The caller's notifications, live (server-sent events); see notification-stream.ts. */
export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) => {
		const { user, session } = caller;
		const { notifications, sessions } = services;
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
	}
});
