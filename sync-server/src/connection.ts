import WebSocket from 'ws';
import { CloseCode, type DocAccess } from '../../src/lib/sync/protocol';
import type { Principal, SyncLogger } from './config';
import { decodeClientMessage, MalformedMessage, type ClientMessage } from './protocol-messages';
import { Refusal } from './refusal';
import type { Peer, Room } from './room';

export interface ConnectionInfo {
	principal: Principal;
	docName: string;
	access: Exclude<DocAccess, 'none'>;
}

interface ConnectionLimits {
	maxMessageBytes: number;
	maxPendingMessages: number;
	maxBufferedBytes: number;
	messageRate: { perSecond: number; burst: number };
	awarenessQueryIntervalMs: number;
	logger: SyncLogger;
}

/**
 * One authorized websocket on one document. Messages that arrive while the document is still
 * loading are buffered (bounded) and handled in order once the room is attached.
 */
export class Connection implements Peer {
	readonly info: ConnectionInfo;
	readonly awarenessIds = new Set<number>();
	isAlive = true;
	readonly #ws: WebSocket;
	readonly #limits: ConnectionLimits;
	#room: Room | null = null;
	#pending: Buffer[] | null = [];
	#onClosed: (() => void)[] = [];
	/** Token bucket for messageRate: tokens left as of `#refilledAt`. */
	#tokens: number;
	#refilledAt = performance.now();
	#lastAwarenessReply = -Infinity;
	#awarenessReplyTimer: NodeJS.Timeout | null = null;

	constructor(ws: WebSocket, info: ConnectionInfo, limits: ConnectionLimits) {
		this.#ws = ws;
		this.info = info;
		this.#limits = limits;
		this.#tokens = limits.messageRate.burst;
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer, isBinary: boolean) => this.#receive(data, isBinary));
		ws.on('pong', () => (this.isAlive = true));
		ws.on('error', (error) => limits.logger.warn(`socket error on ${info.docName}`, error.message));
		ws.on('close', () => {
			clearTimeout(this.#awarenessReplyTimer ?? undefined);
			this.#onClosed.splice(0).forEach((fn) => fn());
		});
	}

	get userId(): string {
		return this.info.principal.userId;
	}

	get isOpen(): boolean {
		return this.#ws.readyState === WebSocket.OPEN;
	}

	/** Runs fn when the socket closes (at once if it already has). */
	onClose(fn: () => void): void {
		if (this.#ws.readyState === WebSocket.CLOSED) {
			fn();
		} else {
			this.#onClosed.push(fn);
		}
	}

	attach(room: Room): void {
		this.#room = room;
		room.join(this);
		const pending = this.#pending ?? [];
		this.#pending = null;
		for (const data of pending) {
			if (!this.isOpen) {
				return;
			}
			this.#handle(data);
		}
	}

	send(message: Uint8Array): void {
		if (!this.isOpen) {
			return;
		}
		// A reader that cannot keep up would otherwise grow our memory without bound; dropping it
		// is safe because a reconnect resyncs from the durable state.
		if (this.#ws.bufferedAmount > this.#limits.maxBufferedBytes) {
			this.#limits.logger.warn(`dropping a slow reader of ${this.info.docName}`);
			this.#ws.terminate();
			return;
		}
		this.#ws.send(message);
	}

	close(code: number, reason: string): void {
		if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
			this.#ws.close(code, reason);
		}
	}

	ping(): void {
		if (!this.isAlive) {
			// No pong since the last ping: the peer is gone without a close frame.
			this.#ws.terminate();
			return;
		}
		this.isAlive = false;
		this.#ws.ping();
	}

	#receive(data: Buffer, isBinary: boolean): void {
		if (!this.isOpen) {
			// Closed for a flood or a refusal: what ws still had buffered is not looked at.
			return;
		}
		if (!this.#takeToken()) {
			this.#limits.logger.warn(`rate limit: closing a connection to ${this.info.docName}`);
			return this.close(CloseCode.RateLimited, 'too many messages');
		}
		if (!isBinary) {
			return this.#malformed('text frame');
		}
		// ws enforces maxPayload too; this keeps the rule explicit whatever ws does with fragments.
		if (data.byteLength > this.#limits.maxMessageBytes) {
			return this.close(CloseCode.MessageTooLarge, tooLargeReason(this.#limits.maxMessageBytes));
		}
		if (this.#pending) {
			if (this.#pending.length >= this.#limits.maxPendingMessages) {
				return this.close(1013, 'too many messages before the document was ready');
			}
			this.#pending.push(data);
			return;
		}
		this.#handle(data);
	}

	#handle(data: Buffer): void {
		const room = this.#room;
		if (!room) {
			return;
		}
		try {
			this.#dispatch(room, decodeClientMessage(data));
		} catch (error) {
			if (error instanceof Refusal) {
				this.#limits.logger.warn(`refused on ${this.info.docName}: ${error.reason}`);
				return this.close(error.code, error.reason);
			}
			// Anything a client can make us throw is its own problem: close it, keep the room.
			this.#malformed(error instanceof MalformedMessage ? error.message : String(error));
		}
	}

	#malformed(detail: string): void {
		this.#limits.logger.warn(`malformed message on ${this.info.docName}: ${detail}`);
		this.close(CloseCode.MalformedMessage, 'malformed message');
	}

	#dispatch(room: Room, message: ClientMessage): void {
		switch (message.kind) {
			case 'sync-step1':
				return room.replyToSyncStep1(this, message.stateVector, message.isEmpty);
			case 'sync-step2':
			case 'update':
				// Read-only: dropped, not an error; the stock client sends its state in step 2 anyway.
				if (this.info.access === 'read-write') {
					room.applyClientUpdate(message.update, this.info.principal);
				}
				return;
			case 'awareness':
				return room.applyAwareness(message.update, this);
			case 'query-awareness':
				return this.#answerAwarenessQuery(room);
		}
	}

	#takeToken(): boolean {
		const { perSecond, burst } = this.#limits.messageRate;
		const now = performance.now();
		this.#tokens = Math.min(burst, this.#tokens + ((now - this.#refilledAt) / 1000) * perSecond);
		this.#refilledAt = now;
		if (this.#tokens < 1) {
			return false;
		}
		this.#tokens -= 1;
		return true;
	}

	/**
	 * Every answer carries every presence state: a 1-byte query used to cost the server a full
	 * copy (45 MiB in issue 15). Queries within the interval share one later answer.
	 */
	#answerAwarenessQuery(room: Room): void {
		if (this.#awarenessReplyTimer) {
			return;
		}
		const wait =
			this.#lastAwarenessReply + this.#limits.awarenessQueryIntervalMs - performance.now();
		const answer = () => {
			this.#awarenessReplyTimer = null;
			this.#lastAwarenessReply = performance.now();
			room.sendAwarenessStates(this);
		};
		if (wait <= 0) {
			answer();
		} else {
			this.#awarenessReplyTimer = setTimeout(answer, wait);
			this.#awarenessReplyTimer.unref();
		}
	}
}

export function tooLargeReason(maxMessageBytes: number): string {
	return `message larger than ${maxMessageBytes} bytes`;
}
