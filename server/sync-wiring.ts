import path from 'node:path';
import { isHttpsRequest, sessionTokenFromCookieHeader } from '../src/lib/server/auth/cookie';
import type { Services } from '../src/lib/server/services';
import { CloseCode, parseDocName } from '../src/lib/sync/protocol';
import { createSyncServer, SqlitePersistence, type SyncServer } from '../sync-server/src/index';
import { ClientOwnerStore } from './client-owner-store';
import { EngagementUpdatePolicy } from './engagement-update-policy';
import type { UpgradeRouter } from './upgrade-router';

export interface AttachedSync {
	sync: SyncServer;
	close(): Promise<void>;
}

/**
 * Composes the sync server with the app's identity and membership rules: who is connecting
 * (session cookie, or a short-lived `?token=` for clients on another origin), what they may do
 * with a document, and which live connections to close when a session or a membership ends.
 */
export function attachSync(services: Services, upgrades: UpgradeRouter): AttachedSync {
	const { config } = services;
	const docStore = new SqlitePersistence({
		filename: path.join(config.dataDir, 'docs.sqlite'),
		// FULL: each relayed batch waits for an fsync of the WAL; NORMAL: for its write into the WAL.
		synchronous: config.syncDurability === 'crash' ? 'NORMAL' : 'FULL'
	});
	// Shared documents are where two people write: there, who wrote what is enforced.
	const engagementPolicy = new EngagementUpdatePolicy(new ClientOwnerStore(services.db));
	const sync = createSyncServer({
		persistence: docStore,
		maxMessageBytes: config.maxMessageBytes,
		maxDocBytes: config.syncLimits.maxDocBytes,
		maxPresenceBytes: config.syncLimits.maxPresenceBytes,
		maxConnectionsPerUserPerDoc: config.syncLimits.maxConnectionsPerUserPerDoc,
		messageRate: {
			perSecond: config.syncLimits.messagesPerSecond,
			burst: config.syncLimits.messagesPerSecond * 10
		},
		// With ORIGIN unset, the sync server compares Origin with the request's own Host.
		...(config.origin ? { allowedOrigin: config.origin } : {}),
		async authenticate(request) {
			const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
			if (token) {
				return await services.syncTokens.verify(token);
			}
			const secure = isHttpsRequest(request.headers['x-forwarded-proto'], config.origin);
			const cookie = sessionTokenFromCookieHeader(request.headers.cookie, secure);
			const current = await services.auth.current(cookie);
			return current ? { userId: current.user.id, sessionId: current.session.id } : null;
		},
		async authorize(principal, docName) {
			return services.memberships.docAccess(principal.userId, docName);
		},
		updatePolicy: (docName) => (parseDocName(docName)?.kind === 'eng' ? engagementPolicy : null)
	});
	upgrades.register('/sync/', (req, socket, head) => sync.handleUpgrade(req, socket, head));

	const offRevoke = services.sessions.onRevoke((sessionIds) => {
		const revoked = new Set(sessionIds);
		sync.closeConnections(
			(c) => c.principal.sessionId !== undefined && revoked.has(c.principal.sessionId),
			// The session is gone, not the membership: 4401 tells the browser to ask for a sign-in
			// (keeping local edits) rather than to give up on this one document.
			CloseCode.Unauthenticated,
			'session ended'
		);
	});
	const offAccess = services.memberships.onAccessRemoved((userId, docNames) => {
		const names = new Set(docNames);
		sync.closeConnections(
			(c) => c.principal.userId === userId && names.has(c.docName),
			CloseCode.AccessRevoked,
			'access removed'
		);
	});

	return {
		sync,
		async close() {
			offRevoke();
			offAccess();
			// Sockets get 4503 (reconnect later) and every document is flushed before the store closes.
			await sync.close();
			await docStore.close();
		}
	};
}
