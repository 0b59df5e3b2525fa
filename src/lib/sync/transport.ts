import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** Where one document's server connection is. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected';

export type TransportEvents = {
	state: (state: ConnectionState) => void;
	/** The first sync exchange of the current connection completed (or the connection dropped). */
	synced: (synced: boolean) => void;
	/** The server told us its state vector (its sync step 1). */
	'server-state-vector': (stateVector: Map<number, number>) => void;
	/**
	 * The server sent document content (sync step 2 or update), INCLUDING echoes of our own
	 * updates: those are no-ops for the doc, so they never show up as doc 'update' events.
	 */
	'server-update': (update: Uint8Array) => void;
	/** The server closed the connection (`code` from `CloseCode` in protocol.ts, or 1xxx). */
	'server-close': (code: number, reason: string) => void;
};

/**
 * The server connection of one Y.Doc (habit 6: websocket implementation in
 * `websocket-transport.ts`, in-process hub in `transport.testing.ts`). It applies what the server
 * sends to the doc and sends the doc's updates to the server; it reconnects on its own until
 * `disconnect()` is called or the server refuses the connection for good (44xx close codes).
 */
export interface DocTransport {
	readonly state: ConnectionState;
	readonly synced: boolean;
	on<K extends keyof TransportEvents>(event: K, fn: TransportEvents[K]): () => void;
	/** Starts (or resumes) connecting and reconnecting. */
	connect(): void;
	/** Closes the connection and stops reconnecting until `connect()`. */
	disconnect(): void;
	destroy(): void;
}

/**
 * `awareness` (presence: who is here, where their cursor is) is owned by the caller, so it
 * exists before the connection does and outlives reconnects; the transport only carries it.
 */
export type ConnectDocTransport = (
	docName: string,
	doc: Y.Doc,
	awareness?: Awareness
) => DocTransport;
