import { EventEmitter } from 'node:events';
import type { RawData, WebSocket } from 'ws';
import type { SignalVerdict } from './call-service';
import { countsTowardLimit, RefusalLimit, TOO_MANY_REFUSALS } from './refusal-limit';

export interface GuardOptions {
	/** Default: MAX_REFUSALS within REFUSAL_WINDOW_MS (refusal-limit.ts). */
	limit?: RefusalLimit;
	/** Told once, when the socket is closed for sending too many refused frames. */
	onLimited?: () => void;
}

const MALFORMED = JSON.stringify({
	type: 'ERROR',
	payload: { msg: 'Malformed signaling message.' }
});

/**
 * What the `peer` package gets instead of the raw websocket: the same `on('message' | 'close' |
 * 'error')`, `send` and `close`, but a 'message' only for frames the relay policy allowed. A
 * refused frame never reaches the peer server's realm or queue; its sender gets the verdict's
 * reply (ERROR, or EXPIRE for an id nobody holds), until it has been refused too often: then
 * the socket is closed (TOO_MANY_REFUSALS) and nothing it still sends is read.
 */
export class GuardedSocket extends EventEmitter {
	#ws: WebSocket;
	#limit: RefusalLimit;
	#onLimited: () => void;
	#limited = false;

	constructor(ws: WebSocket, judge: (data: string) => SignalVerdict, options: GuardOptions = {}) {
		super();
		this.#ws = ws;
		this.#limit = options.limit ?? new RefusalLimit();
		this.#onLimited = options.onLimited ?? (() => undefined);
		ws.on('message', (data: RawData, isBinary: boolean) => {
			if (this.#limited) {
				return;
			}
			// PeerJS speaks JSON text only; a binary frame is no message of its.
			if (isBinary) {
				this.#refuse(MALFORMED, true);
				return;
			}
			const verdict = judge(rawText(data));
			if (verdict.relay) {
				this.emit('message', rawText(data));
			} else {
				this.#refuse(verdict.reply, countsTowardLimit(verdict.refusal));
			}
		});
		ws.on('close', (code: number, reason: Buffer) => this.emit('close', code, reason));
		ws.on('error', (error: Error) => this.emit('error', error));
	}

	#refuse(reply: string, counted: boolean): void {
		if (counted && this.#limit.exceeded()) {
			this.#limited = true;
			this.#ws.close(TOO_MANY_REFUSALS.code, TOO_MANY_REFUSALS.reason);
			this.#onLimited();
			return;
		}
		this.#ws.send(reply);
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
