import type { NotificationList } from '../../api/notifications';

export interface NotificationStreamDeps {
	/** The user's current list, sent first and after every change. */
	list(): NotificationList;
	/** Calls back when the user's list changed; returns the unsubscribe. */
	subscribe(onChange: () => void): () => void;
	/** Calls back when the stream's session is revoked (sign-out, deletion); returns the unsubscribe. */
	onRevoked(revoked: () => void): () => void;
	/** A comment line this often keeps proxies and the browser from timing the stream out. */
	heartbeatMs: number;
}

const encoder = new TextEncoder();

/**
 * The body of `GET /api/notifications/stream` (server-sent events): `event: notifications` with
 * the whole list (`{ notifications, unread }`, as `GET /api/notifications`) at once and after
 * every change, `: heartbeat` comments in between, and `event: revoked` before it ends when the
 * session is revoked, so the browser does not reconnect with a dead cookie.
 */
export function notificationStream(deps: NotificationStreamDeps): ReadableStream<Uint8Array> {
	let stop = () => {};
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			let queued = false;
			const send = (text: string) => {
				if (open) {
					controller.enqueue(encoder.encode(text));
				}
			};
			const sendList = () => send(`event: notifications\ndata: ${JSON.stringify(deps.list())}\n\n`);
			// Several changes in one tick (a batch marked read) become one message.
			const changed = () => {
				if (!queued) {
					queued = true;
					queueMicrotask(() => {
						queued = false;
						sendList();
					});
				}
			};
			const unsubscribe = deps.subscribe(changed);
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), deps.heartbeatMs);
			let unwatch = () => {};
			stop = () => {
				if (open) {
					open = false;
					clearInterval(heartbeat);
					unsubscribe();
					unwatch();
				}
			};
			unwatch = deps.onRevoked(() => {
				send('event: revoked\ndata: {}\n\n');
				stop();
				controller.close();
			});
			// Reconnect after 2 s when the connection drops (the browser's default is ~3 s).
			send('retry: 2000\n\n');
			sendList();
		},
		cancel() {
			stop();
		}
	});
}
