import type { IncomingMessage } from 'node:http';
import type { DocAccess } from '../../src/lib/sync/protocol';
import { DEFAULT_MAX_IN_FLIGHT } from './commit-queue';
import { localFanOut, type DocPersistence, type FanOut } from './persistence';
import type { UpdatePolicy } from './update-inspection';

/** Who is on the other end of a connection, as the app's authenticate hook decided. */
export interface Principal {
	userId: string;
	sessionId?: string;
}

export interface SyncHooks {
	/** Reads the session (cookie or `?token=`) from the upgrade request; null when there is none. */
	authenticate(request: IncomingMessage): Promise<Principal | null>;
	/** Decides per connection; 'none' also covers document names the app does not serve. */
	authorize(principal: Principal, docName: string): Promise<DocAccess>;
	/**
	 * Called only when the upgrade carries an Origin header. Defaults to `allowedOrigin` if set,
	 * else same-origin (the Origin's host equals the Host header).
	 */
	isOriginAllowed?(origin: string, request: IncomingMessage): boolean;
	/**
	 * Rules for what clients may change in a document (null: anything their access allows).
	 * Asked once per loaded document; see UpdatePolicy.
	 */
	updatePolicy?(docName: string): UpdatePolicy | null;
}

export interface SyncLogger {
	warn(message: string, detail?: unknown): void;
	error(message: string, detail?: unknown): void;
}

export interface SyncServerConfig {
	persistence: DocPersistence;
	fanOut: FanOut;
	/** Upgrades are routed here by path prefix; the rest of the path is the document name. */
	pathPrefix: string;
	allowedOrigin: string | null;
	maxMessageBytes: number;
	/** Messages a client may send while its document is still loading. */
	maxPendingMessages: number;
	/** Unsent bytes queued for one socket before it is dropped as too slow. */
	maxBufferedBytes: number;
	/** A hook that hangs must not pin sockets forever. */
	authTimeoutMs: number;
	/** Upgrades waiting for authentication at once; more are refused with 503. */
	maxPendingUpgrades: number;
	unloadGraceMs: number;
	/**
	 * Group-commit appends in flight at once (see CommitQueue): 1 waits for each batch to be
	 * durable before handing over the next; 2 (default) hands the next over meanwhile.
	 */
	commitPipelineDepth: number;
	/**
	 * Fold the log after `maxUpdates` rows or `maxBytes`, once it is at least `minLogRatio` of
	 * the rest of the document (a large document is not rewritten for a small tail).
	 */
	compaction: { maxUpdates: number; maxBytes: number; minLogRatio: number };
	/** Dead connections (no pong) are dropped after this interval. */
	pingIntervalMs: number;
	/** Largest JSON state of one awareness (presence) client id; larger closes with 4431. */
	maxPresenceBytes: number;
	/** Awareness client ids one connection may own; more are ignored (a stock client uses one). */
	maxPresenceIdsPerConnection: number;
	/** Encoded size of a document past which clients' new content is refused with 4432. */
	maxDocBytes: number;
	/**
	 * Messages per connection: a token bucket of `burst` refilled at `perSecond`; a connection
	 * that empties it is closed with 4429, so a flood costs its sender, not everyone else.
	 */
	messageRate: { perSecond: number; burst: number };
	/** One connection's query-awareness is answered at most once per interval (then coalesced). */
	awarenessQueryIntervalMs: number;
	/** Sockets one user may have open on one document; the next is closed with 4430. */
	maxConnectionsPerUserPerDoc: number;
	logger: SyncLogger;
}

export type SyncServerOptions = Partial<Omit<SyncServerConfig, 'compaction' | 'messageRate'>> &
	SyncHooks & {
		persistence: DocPersistence;
		compaction?: Partial<SyncServerConfig['compaction']>;
		messageRate?: Partial<SyncServerConfig['messageRate']>;
	};

export const defaultConfiguration: Omit<SyncServerConfig, 'persistence'> = {
	fanOut: localFanOut,
	pathPrefix: '/sync/',
	allowedOrigin: null,
	maxMessageBytes: 2 * 1024 * 1024,
	maxPendingMessages: 256,
	maxBufferedBytes: 32 * 1024 * 1024,
	authTimeoutMs: 10_000,
	maxPendingUpgrades: 1000,
	unloadGraceMs: 30_000,
	commitPipelineDepth: DEFAULT_MAX_IN_FLIGHT,
	compaction: { maxUpdates: 500, maxBytes: 4 * 1024 * 1024, minLogRatio: 0.5 },
	pingIntervalMs: 30_000,
	maxPresenceBytes: 16 * 1024,
	maxPresenceIdsPerConnection: 4,
	maxDocBytes: 20 * 1024 * 1024,
	// A person typing sends tens of messages a second (an update and a cursor each); a paste or
	// a reconnect a short burst. A flood of 1-byte queries sent thousands (issue 15).
	messageRate: { perSecond: 200, burst: 2000 },
	awarenessQueryIntervalMs: 1000,
	maxConnectionsPerUserPerDoc: 20,
	logger: {
		warn: (message, detail) => console.warn(`[sync] ${message}`, detail ?? ''),
		error: (message, detail) => console.error(`[sync] ${message}`, detail ?? '')
	}
};

export function resolveConfig(options: SyncServerOptions): SyncServerConfig & SyncHooks {
	const config = { ...defaultConfiguration, ...stripUndefined(options) };
	return {
		...config,
		compaction: { ...defaultConfiguration.compaction, ...options.compaction },
		messageRate: { ...defaultConfiguration.messageRate, ...options.messageRate }
	};
}

function stripUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
