import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { emptyStep2, MessageType, readHeader, SyncType } from './frames';
import { announceReady, answerParent } from './ipc';

/**
 * BENCH_FLOOR=1 runs this in the reference's place: a "server" that keeps nothing, checks
 * nothing and stores nothing, and forwards every update frame as it came to every other socket
 * of the document. No real server can relay faster, so its latency is the floor that the
 * client harness, the kernel's loopback and one send per receiver set on this machine.
 */
const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true });
const server = createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) => {
	const docName = (req.url ?? '').split('?')[0] ?? '';
	wss.handleUpgrade(req, socket, head, (conn) => join(conn, docName));
});

function join(conn: WebSocket, docName: string): void {
	const room = rooms.get(docName) ?? new Set<WebSocket>();
	rooms.set(docName, room);
	room.add(conn);
	conn.on('close', () => room.delete(conn));
	conn.on('message', (data: Buffer) => {
		const { messageType, syncType } = readHeader(data);
		if (messageType !== MessageType.Sync) {
			return;
		}
		if (syncType === SyncType.Step1) {
			conn.send(emptyStep2);
		} else if (syncType === SyncType.Update) {
			room.forEach((peer) => peer !== conn && peer.send(data));
		}
	});
}

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	announceReady(typeof address === 'object' && address ? address.port : 0);
});
answerParent();
