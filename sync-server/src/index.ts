/**
 * Tandem's sync server: the standard y-websocket protocol with authentication, per-connection
 * access and durable storage. The app's server entry composes it with its own hooks:
 *
 *   const sync = createSyncServer({ persistence, authenticate, authorize, allowedOrigin });
 *   upgrades.register('/sync/', (req, socket, head) => sync.handleUpgrade(req, socket, head));
 */
export { createSyncServer } from './server';
export type { ConnectionInfo, SyncServer, SyncServerStats } from './server';
export { defaultConfiguration } from './config';
export { DocumentDeletedError } from './room-registry';
export type {
	Principal,
	SyncHooks,
	SyncLogger,
	SyncServerConfig,
	SyncServerOptions
} from './config';
export { localFanOut } from './persistence';
export type {
	ContentPath,
	DeletedContent,
	InsertedContent,
	InspectedUpdate,
	UpdatePolicy
} from './update-inspection';
export type { AppendEntry, DocPersistence, FanOut, FanOutMessage, StoredDoc } from './persistence';
export { SqlitePersistence } from './sqlite-persistence';
export type { SqlitePersistenceOptions } from './sqlite-persistence';
