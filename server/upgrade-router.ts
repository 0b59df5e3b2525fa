import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One HTTP server, several websocket endpoints: the sync server (/sync/) and PeerJS signaling
 * (/peerjs) register a path prefix here and receive only their own upgrades.
 */
export class UpgradeRouter {
	#routes: { prefix: string; handler: UpgradeHandler }[] = [];

	register(prefix: string, handler: UpgradeHandler): void {
		this.#routes.push({ prefix, handler });
	}

	/** Returns false when no route matches, leaving the socket to whoever else listens (Vite's HMR in dev). */
	handle(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (request.url ?? '/').split('?')[0] ?? '/';
		const route = this.#routes.find((r) => path.startsWith(r.prefix));
		if (!route) {
			return false;
		}
		route.handler(request, socket, head);
		return true;
	}
}

export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	}
	socket.destroy();
}
