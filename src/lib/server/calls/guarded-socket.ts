import { EventEmitter } from 'node:events';
import type { RawData, WebSocket } from 'ws';
import type { SignalVerdict } from './call-service';

/**
 * What the `peer` package gets instead of the raw websocket: the same `on('message' | 'close' |
 * 'error')`, `send` and `close`, but a 'message' only for frames the relay policy allowed. A
 * refused frame never reaches the peer server's realm or queue; its sender gets the verdict's
 * reply (ERROR, or EXPIRE for an id nobody holds).
 */
export class GuardedSocket extends EventEmitter {
	#ws: WebSocket;

	constructor(ws: WebSocket, judge: (data: string) => SignalVerdict) {
		super();
		this.#ws = ws;
		ws.on('message', (data: RawData, isBinary: boolean) => {
			// PeerJS speaks JSON text only; a binary frame is no message of its.
			if (isBinary) {
				ws.send(
					JSON.stringify({ type: 'ERROR', payload: { msg: 'Malformed signaling message.' } })
				);
				return;
			}
			const verdict = judge(rawText(data));
			if (verdict.relay) {
				this.emit('message', rawText(data));
			} else {
				ws.send(verdict.reply);
			}
		});
		ws.on('close', (code: number, reason: Buffer) => this.emit('close', code, reason));
		ws.on('error', (error: Error) => this.emit('error', error));
	}

	send(data: string): void {
		this.#ws.send(data);
	}

	close(code?: number, reason?: string): void {
		this.#ws.close(code, reason);
	}
}

function rawText(data: RawData): string {
	if (Array.isArray(data)) {
		return Buffer.concat(data).toString('utf8');
	}
	return Buffer.from(data as ArrayBuffer).toString('utf8');
}
