import WebSocket from 'ws';
import { emptyStep1, emptyStep2, MessageType, readHeader, SyncType } from './frames';

export type FrameListener = (data: Buffer, receivedAt: number) => void;

/**
 * A y-websocket client that does the minimum a real one does on the wire: answers the server's
 * step 1 with an empty step 2, asks for the document with an empty step 1, and hands every
 * received document frame (step 2 or update) to a listener without applying it.
 */
export class LightClient {
	readonly socket: WebSocket;
	readonly opened: Promise<void>;
	#listener: FrameListener | null = null;

	constructor(url: string) {
		// Browsers always send an Origin; servers that check it must see one.
		this.socket = new WebSocket(url, { origin: 'http://127.0.0.1', perMessageDeflate: false });
		this.socket.binaryType = 'nodebuffer';
		this.opened = new Promise((resolve, reject) => {
			this.socket.once('open', () => resolve());
			this.socket.once('error', reject);
			this.socket.once('close', (code) => reject(new Error(`closed before open (${code})`)));
		});
		this.socket.on('message', (data: Buffer) => this.#onMessage(data));
		this.socket.on('error', () => {}); // surfaced through `opened` or as missing receipts
		this.socket.on('open', () => this.socket.send(emptyStep1));
	}

	onFrame(listener: FrameListener | null): void {
		this.#listener = listener;
	}

	send(frame: Uint8Array): void {
		this.socket.send(frame);
	}

	close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) {
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.socket.terminate();
				resolve();
			}, 2_000);
			this.socket.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
			this.socket.close();
		});
	}

	#onMessage(data: Buffer): void {
		const receivedAt = performance.now();
		const header = readHeader(data);
		if (header.messageType !== MessageType.Sync) {
			return;
		}
		if (header.syncType === SyncType.Step1) {
			this.socket.send(emptyStep2);
			return;
		}
		this.#listener?.(data, receivedAt);
	}
}

/** Opens `count` clients, at most `parallel` handshakes in flight, so the listen backlog never overflows. */
export async function connectMany(
	url: string,
	count: number,
	parallel = 100
): Promise<LightClient[]> {
	const clients: LightClient[] = [];
	for (let start = 0; start < count; start += parallel) {
		const batch = Array.from(
			{ length: Math.min(parallel, count - start) },
			() => new LightClient(url)
		);
		clients.push(...batch);
		await Promise.all(batch.map((client) => client.opened));
	}
	return clients;
}

export async function closeAll(clients: LightClient[]): Promise<void> {
	await Promise.all(clients.map((client) => client.close()));
}
