import { CloseCode } from './protocol';
import type { ConnectionState } from './transport';

/**
 * - online: connected, synced, nothing of ours unconfirmed.
 * - syncing: connected (or making the first attempt) but the first sync is not done yet, or
 *   local changes are not confirmed by the server yet.
 * - offline: the browser has no network, the server cannot be reached, or it refused us.
 */
export type SyncState = 'online' | 'offline' | 'syncing';

/** Why a document stopped syncing for good (until `reconnect()` or a new session). */
export type DocProblem =
	/** 4401: no valid session; the UI asks to sign in again, local data stays. */
	| 'session-expired'
	/** 4403 / 4410: not (or no longer) a member of this document. */
	| 'access-lost'
	/** 4400 / 4413 / 4429 / 4431 / 4433: the server refused what this client sent; retrying repeats it. */
	| 'rejected'
	/** 4432: the document reached the server's size limit; new content stays on this device. */
	| 'document-full'
	/** 4430: this user has too many sockets (tabs) open on the document. */
	| 'too-many-connections';

export interface DocSyncStatus {
	readonly name: string;
	readonly state: SyncState;
	readonly connection: ConnectionState;
	/** The first sync exchange of the current connection finished. */
	readonly synced: boolean;
	/** Local changes the server has not confirmed (see PendingChanges for the exact definition). */
	readonly pending: number;
	readonly problem: DocProblem | null;
	/** The last close code the server sent for this document, if any. */
	readonly closeCode: number | null;
}

export interface SyncSummary {
	readonly state: SyncState;
	readonly pending: number;
	readonly sessionExpired: boolean;
	readonly browserOnline: boolean;
	readonly docs: readonly DocSyncStatus[];
}

/** The one place close codes become meaning; null means "transient, reconnect". */
export function problemForClose(code: number): DocProblem | null {
	switch (code) {
		case CloseCode.Unauthenticated:
			return 'session-expired';
		case CloseCode.Forbidden:
		case CloseCode.AccessRevoked:
			return 'access-lost';
		case CloseCode.MalformedMessage:
		case CloseCode.MessageTooLarge:
		case CloseCode.RateLimited:
		case CloseCode.PresenceTooLarge:
		case CloseCode.UpdateRefused:
			return 'rejected';
		case CloseCode.DocumentTooLarge:
			return 'document-full';
		case CloseCode.TooManyConnections:
			return 'too-many-connections';
		default:
			// 4503 shutdown, 1011 store failure, 1013 overloaded, network drops: try again.
			return null;
	}
}

/**
 * What to tell the person about a problem the sync badge cannot say with "Offline" alone; null
 * for the ones with their own screen (sign in again, access lost).
 */
export function problemMessage(problem: DocProblem): string | null {
	switch (problem) {
		case 'document-full':
			return 'This document reached its size limit: the server accepts no more changes to it. New changes stay on this device.';
		case 'too-many-connections':
			return 'Tandem is open in too many tabs: close some, then reload this one.';
		case 'rejected':
			return 'The server refused a change from this device. It stays on this device.';
		case 'session-expired':
		case 'access-lost':
			return null;
	}
}

export function docSyncState(input: {
	browserOnline: boolean;
	connection: ConnectionState;
	/** Whether a connection attempt failed or dropped since the document was opened. */
	everFailed: boolean;
	synced: boolean;
	pending: number;
	problem: DocProblem | null;
}): SyncState {
	if (!input.browserOnline || input.problem !== null) {
		return 'offline';
	}
	if (input.connection === 'connected') {
		return input.synced && input.pending === 0 ? 'online' : 'syncing';
	}
	// The first attempt of a freshly opened document is "syncing", not a flash of "offline".
	return input.connection === 'connecting' && !input.everFailed ? 'syncing' : 'offline';
}

/** Documents the user lost access to are reported per document, not as the app being offline. */
export function summarize(
	docs: readonly DocSyncStatus[],
	context: { browserOnline: boolean; sessionExpired: boolean }
): SyncSummary {
	const counted = docs.filter((doc) => doc.problem !== 'access-lost');
	const pending = counted.reduce((sum, doc) => sum + doc.pending, 0);
	let state: SyncState = context.browserOnline && !context.sessionExpired ? 'online' : 'offline';
	if (state === 'online') {
		if (counted.some((doc) => doc.state === 'offline')) {
			state = 'offline';
		} else if (pending > 0 || counted.some((doc) => doc.state === 'syncing')) {
			state = 'syncing';
		}
	}
	return { state, pending, ...context, docs };
}
