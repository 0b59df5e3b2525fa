import { describe, expect, it } from 'vitest';
import { NotificationHub } from './notification-hub';
import { notificationStream } from './notification-stream';
import { streamReader as reader } from '../../../../tests/helpers/stream-reader';

function setup(heartbeatMs = 60_000) {
	const hub = new NotificationHub();
	let unread = 0;
	const revokers = new Set<() => void>();
	const stream = notificationStream({
		list: () => ({ notifications: [], unread }),
		subscribe: (onChange) => hub.subscribe('u1', onChange),
		onRevoked: (revoked) => {
			revokers.add(revoked);
			return () => revokers.delete(revoked);
		},
		heartbeatMs
	});
	return {
		hub,
		revokers,
		read: reader(stream),
		setUnread: (n: number) => (unread = n)
	};
}

describe('notificationStream', () => {
	it('sends the list at once and again after each change, one message per burst', async () => {
		const { hub, read, setUnread } = setup();
		await read.until(/"unread":0/);
		expect(read.text).toContain('retry: 2000');
		setUnread(3);
		hub.publish('u1');
		hub.publish('u1');
		hub.publish('someone-else');
		await read.until(/"unread":3/);
		expect(read.text.match(/event: notifications/g)).toHaveLength(2);
		await read.cancel();
		// Cancelled (the browser went away): nothing listens any more.
		expect(hub.size).toBe(0);
	});

	it('sends heartbeats between events', async () => {
		const { read } = setup(10);
		await read.until(/: heartbeat\n\n[\s\S]*: heartbeat\n\n/);
		await read.cancel();
	});

	it('a revoked session gets a last "revoked" event, then the stream ends and unsubscribes', async () => {
		const { hub, revokers, read } = setup();
		await read.until(/"unread":0/);
		[...revokers].forEach((revoked) => revoked());
		await read.pump;
		expect(read.ended).toBe(true);
		expect(read.text).toMatch(/event: revoked\ndata: \{\}\n\n$/);
		expect(hub.size).toBe(0);
		expect(revokers.size).toBe(0);
	});
});
