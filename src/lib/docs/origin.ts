/**
 * Who caused a transaction. Every write in src/lib/docs passes one of these to `doc.transact`, so
 * observers (state bridges, indexers, the sync server) can tell local edits from everything else.
 */
export type TxOrigin =
	/** A person using this device. */
	| { readonly kind: 'local'; readonly userId: string }
	/** Applied from another replica (sync provider, IndexedDB load, test harness). */
	| { readonly kind: 'remote' }
	/** A schema migration run while opening the document. */
	| { readonly kind: 'migration' }
	/** The app server writing through the sync server's in-process API (e.g. a confirmed booking). */
	| { readonly kind: 'server'; readonly reason: string };

export const remoteOrigin: TxOrigin = Object.freeze({ kind: 'remote' });
export const migrationOrigin: TxOrigin = Object.freeze({ kind: 'migration' });

export function localOrigin(userId: string): TxOrigin {
	return Object.freeze({ kind: 'local', userId });
}

export function serverOrigin(reason: string): TxOrigin {
	return Object.freeze({ kind: 'server', reason });
}

export function isTxOrigin(value: unknown): value is TxOrigin {
	if (typeof value !== 'object' || value === null || !('kind' in value)) {
		return false;
	}
	switch (value.kind) {
		case 'local':
			return 'userId' in value && typeof value.userId === 'string';
		case 'server':
			return 'reason' in value && typeof value.reason === 'string';
		case 'remote':
		case 'migration':
			return true;
		default:
			return false;
	}
}

/**
 * Providers pass themselves as the origin (y-websocket's provider, y-indexeddb's persistence),
 * and Yjs re-applies updates that were waiting for missing dependencies with origin null, so
 * anything that is not one of ours came from another replica.
 */
export function toTxOrigin(value: unknown): TxOrigin {
	return isTxOrigin(value) ? value : remoteOrigin;
}
