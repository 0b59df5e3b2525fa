import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../../src/lib/sync/protocol';
import { admit, refusalResponse, type Admission } from './admission';
import { CommitQueue, type CommitStats } from './commit-queue';
import { resolveConfig, type Principal, type SyncServerOptions } from './config';
import { Connection, tooLargeReason, type ConnectionInfo } from './connection';
import { RoomRegistry } from './room-registry';

export interface SyncServerStats {
	rooms: number;
	connections: number;
	pendingUpgrades: number;
	commits: CommitStats;
}

export interface SyncServer {
	/** Give it upgrades whose path starts with the prefix (default `/sync/`). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Writes from the app server; resolves once the change is durable (and sent to clients). */
	withDoc<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T>;
	/**
	 * Takes an encoded update from the app as if a client had sent it (stored, then relayed),
	 * without building a Y.Doc of the whole document as withDoc does: for bulk restores (an
	 * import), where that would cost time in proportion to the document on every call.
	 */
	applyUpdate(docName: string, update: Uint8Array): Promise<void>;
	/**
	 * Closes the document's connections (AccessRevoked), drops it from memory (changes not yet
	 * stored are dropped and their withDoc calls rejected) and deletes it from the store (see
	 * DocPersistence.deleteDoc: no bytes left in the files). A load of the name waits until that
	 * is done and then starts a fresh, empty document. Make authorize refuse the name first, or a
	 * reconnecting client may recreate it from its local copy.
	 */
	deleteDocument(docName: string): Promise<void>;
	/** deleteDocument under the name DocWriter uses, so the server binds as a DocWriter. */
	deleteDoc(docName: string): Promise<void>;
	/** Closes matching connections, e.g. after a session revocation; returns how many. */
	closeConnections(
		predicate: (info: ConnectionInfo) => boolean,
		code: number,
		reason: string
	): number;
	stats(): SyncServerStats;
	/** Flushes every document and closes every socket with CloseCode.ServerShutdown. */
	close(): Promise<void>;
}

export type { ConnectionInfo, Principal };

/**
 * @example
 * const sync = createSyncServer({ persistence, authenticate, authorize, allowedOrigin });
 * httpServer.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
 */
export function createSyncServer(options: SyncServerOptions): SyncServer {
	const config = resolveConfig(options);
	const commits = new CommitQueue(config.persistence, config.logger, config.commitPipelineDepth);
	const registry = new RoomRegistry(config, commits);
	const connections = new Set<Connection>();
	/** Open sockets per user and document (issue 15: 500 were accepted for one user). */
	const perUserDoc = new Map<string, number>();
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.maxMessageBytes,
		perMessageDeflate: false,
		WebSocket: messageTooLargeSocket(config.maxMessageBytes)
	});
	let pendingUpgrades = 0;
	let closing = false;

	const pinger = setInterval(() => connections.forEach((c) => c.ping()), config.pingIntervalMs);
	pinger.unref();

	function assertOpen(): void {
		if (closing) {
			throw new Error('sync server is closed');
		}
	}

	function reject(socket: Duplex, status: number, reason: string): void {
		if (socket.writable) {
			socket.write(
				`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
			);
		}
		socket.destroy();
	}

	async function openRoom(connection: Connection): Promise<void> {
		const { room, release } = await registry.acquire(connection.info.docName);
		try {
			if (connection.isOpen && !closing) {
				connection.attach(room);
				connection.onClose(() => room.leave(connection));
			}
		} finally {
			release();
		}
	}

	function accept(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		admission: Admission
	): void {
		wss.handleUpgrade(request, socket, head, (ws) => {
			if (!admission.ok) {
				const response = refusalResponse(admission.refusal);
				ws.close(response.kind === 'close' ? response.code : 1008, response.reason);
				return;
			}
			const { principal, docName, access } = admission;
			const key = `${principal.userId}\n${docName}`;
			const open = perUserDoc.get(key) ?? 0;
			if (open >= config.maxConnectionsPerUserPerDoc) {
				const limit = config.maxConnectionsPerUserPerDoc;
				ws.close(CloseCode.TooManyConnections, `more than ${limit} connections to this document`);
				return;
			}
			perUserDoc.set(key, open + 1);
			const connection = new Connection(ws, { principal, docName, access }, config);
			connections.add(connection);
			connection.onClose(() => {
				connections.delete(connection);
				const left = (perUserDoc.get(key) ?? 1) - 1;
				if (left > 0) {
					perUserDoc.set(key, left);
				} else {
					perUserDoc.delete(key);
				}
			});
			openRoom(connection).catch((error: unknown) => {
				config.logger.error(`loading ${docName} failed`, error);
				connection.close(1011, 'document could not be loaded; retry later');
			});
		});
	}

	async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		const admission = await admit(request, config);
		if (socket.destroyed) {
			return;
		}
		const response = admission.ok ? null : refusalResponse(admission.refusal);
		if (closing) {
			return reject(socket, 503, 'Service Unavailable');
		}
		if (response?.kind === 'http') {
			return reject(socket, response.status, response.reason);
		}
		accept(request, socket, head, admission);
	}

	async function deleteDocument(docName: string): Promise<void> {
		assertOpen();
		const reason = 'document deleted';
		// The store runs requests in order, so appends already handed to it land before the delete.
		const deleting = registry.delete(docName, CloseCode.AccessRevoked, reason, () =>
			config.persistence.deleteDoc(docName)
		);
		// Also those still waiting for the document to load (they would get a fresh one).
		for (const connection of connections) {
			if (connection.info.docName === docName) {
				connection.close(CloseCode.AccessRevoked, reason);
			}
		}
		await deleting;
	}

	return {
		handleUpgrade(request, socket, head) {
			// A reset during authentication must not become an uncaught 'error'.
			socket.on('error', () => socket.destroy());
			if (closing || pendingUpgrades >= config.maxPendingUpgrades) {
				return reject(socket, 503, 'Service Unavailable');
			}
			pendingUpgrades += 1;
			upgrade(request, socket, head)
				.catch((error: unknown) => {
					config.logger.error('upgrade failed', error);
					socket.destroy();
				})
				.finally(() => (pendingUpgrades -= 1));
		},

		async withDoc(docName, fn) {
			assertOpen();
			const { room, release } = await registry.acquire(docName);
			try {
				return await room.write(fn);
			} finally {
				release();
			}
		},

		async applyUpdate(docName, update) {
			assertOpen();
			const { room, release } = await registry.acquire(docName);
			try {
				// A server write (an import): trusted like withDoc, neither limited nor policed.
				room.applyClientUpdate(update, 'server');
				await room.flush();
			} finally {
				release();
			}
		},

		deleteDocument: deleteDocument,
		deleteDoc: deleteDocument,

		closeConnections(predicate, code, reason) {
			let closed = 0;
			for (const connection of connections) {
				if (predicate(connection.info)) {
					connection.close(code, reason);
					closed += 1;
				}
			}
			return closed;
		},

		stats() {
			return {
				rooms: registry.size,
				connections: connections.size,
				pendingUpgrades,
				commits: { ...commits.stats }
			};
		},

		async close() {
			closing = true;
			clearInterval(pinger);
			connections.forEach((c) => c.close(CloseCode.ServerShutdown, 'server shutting down'));
			await registry.unloadAll();
			await commits.drain();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

/**
 * ws closes an over-long message with 1009, which stock clients treat as transient and would
 * resend forever; translating it to MessageTooLarge (44xx) makes them stop.
 */
function messageTooLargeSocket(maxMessageBytes: number): typeof WebSocket {
	return class SyncWebSocket extends WebSocket {
		override close(code?: number, reason?: string | Buffer): void {
			if (code === 1009) {
				super.close(CloseCode.MessageTooLarge, tooLargeReason(maxMessageBytes));
			} else {
				super.close(code, reason);
			}
		}
	};
}
