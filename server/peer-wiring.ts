import express from 'express';
import type http from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type WebSocket } from 'ws';
import { isHttpsRequest, sessionTokenFromCookieHeader } from '../src/lib/server/auth/cookie';
import { PEER_KEY, PEER_PATH } from '../src/lib/server/calls/call-service';
import { GuardedSocket } from '../src/lib/server/calls/guarded-socket';
import { MAX_REFUSALS, REFUSAL_WINDOW_MS } from '../src/lib/server/calls/refusal-limit';
import type { Services } from '../src/lib/server/services';
import { CloseCode } from '../src/lib/sync/protocol';
import { rejectUpgrade, type UpgradeRouter } from './upgrade-router';

export interface AttachedPeer {
	close(): Promise<void>;
}

interface Live {
	ws: WebSocket;
	peerId: string;
	sessionId: string;
}

// An SDP offer with many candidates is a few kilobytes; nothing legitimate comes near this.
const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Mounts the `peer` package's PeerJS server at /peerjs behind the app's own checks: the session
 * cookie, the Origin, and a peer id issued to that user by POST /api/calls/peer. Every frame a
 * browser sends passes the relay policy (CallService.judge) before the peer server sees it.
 */
export function attachPeer(
	services: Services,
	upgrades: UpgradeRouter,
	httpServer: http.Server | Http2SecureServer
): AttachedPeer {
	const { calls } = services;
	const live = new Set<Live>();
	const wss = mountPeerServer(httpServer);

	upgrades.register(`${PEER_PATH}/`, (req, socket, head) => {
		// A reset while the session is looked up must not become an uncaught 'error'.
		socket.on('error', () => socket.destroy());
		admit(services, req, wss)
			.then((admission) => {
				if (!socket.destroyed) {
					join(admission, req, socket, head);
				}
			})
			.catch((error: unknown) => {
				console.error('peer upgrade failed', error);
				socket.destroy();
			});
	});

	const join = (
		admission: Admission,
		req: http.IncomingMessage,
		socket: Duplex,
		head: Buffer
	): void => {
		if (!admission.ok) {
			rejectUpgrade(socket, admission.status, admission.reason);
			return;
		}
		const { peerId, userId, sessionId } = admission;
		wss.handleUpgrade(req, socket, head, (ws) => {
			const entry = { ws, peerId, sessionId };
			live.add(entry);
			calls.opened(peerId);
			ws.once('close', () => {
				live.delete(entry);
				calls.closed(peerId);
			});
			const guarded = new GuardedSocket(ws, (data) => calls.judge({ peerId, userId }, data), {
				onLimited: () => logLimited(userId)
			});
			// The peer server's own connection handler reads id/token/key from req.url and joins
			// the socket to its realm; it only ever sees the guarded socket.
			wss.emit('connection', guarded, req);
		});
	};

	const offRevoke = closeOnRevoke(services, live);

	return {
		async close() {
			offRevoke();
			for (const { ws } of live) {
				ws.close(1001, 'server closing');
			}
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

/** Once per closed socket, so a client that keeps trying shows up without flooding the log. */
function logLimited(userId: string): void {
	console.warn(
		`calls: closed a signaling socket of user ${userId}: more than ${MAX_REFUSALS} refused ` +
			`messages within ${REFUSAL_WINDOW_MS / 1000} s`
	);
}

/** Signing out (or any revocation) ends the session's signaling sockets and its peer ids. */
function closeOnRevoke(services: Services, live: Set<Live>): () => void {
	return services.sessions.onRevoke((sessionIds) => {
		const dropped = new Set(services.calls.revokeSessions(sessionIds));
		const revoked = new Set(sessionIds);
		// Both the socket's own session and the one its id was issued to: either ending ends it.
		for (const entry of live) {
			if (dropped.has(entry.peerId) || revoked.has(entry.sessionId)) {
				entry.ws.close(CloseCode.Unauthenticated, 'session ended');
			}
		}
	});
}

/**
 * Builds the `peer` package's server around a websocket server we own. ExpressPeerServer sets up
 * its realm, message handler and expiry timers when mounted into an Express app; this app is
 * never given to an HTTP server, so the package's HTTP routes (/id hands out ids of the
 * client's choosing, /peers lists everyone) are unreachable. `noServer` keeps it off
 * httpServer's upgrade event: upgrades reach it only through attachPeer's checks.
 */
function mountPeerServer(httpServer: http.Server | Http2SecureServer): WebSocketServer {
	let wss: WebSocketServer | undefined;
	// The package only checks that it was given a server: with our own websocket server below it
	// never listens on it, so Vite's (possibly HTTP/2) dev server does as well as node:http's.
	const peerApp = ExpressPeerServer(httpServer as http.Server, {
		key: PEER_KEY,
		path: '/',
		allow_discovery: false,
		createWebSocketServer: (options) => {
			wss = new WebSocketServer({
				noServer: true,
				path: options.path,
				maxPayload: MAX_PAYLOAD_BYTES
			});
			return wss;
		}
	});
	// The peer server emits 'error' for socket resets and unparsable frames (refused before they
	// reach it); an EventEmitter 'error' without a listener would crash the process.
	peerApp.on('error', () => undefined);
	express().use(PEER_PATH, peerApp);
	if (!wss) {
		throw new Error('the peer package did not create its websocket server when mounted');
	}
	return wss;
}

type Admission =
	| { ok: true; peerId: string; userId: string; sessionId: string }
	| { ok: false; status: number; reason: string };

const refuse = (status: number, reason: string): Admission => ({ ok: false, status, reason });

async function admit(
	services: Services,
	req: http.IncomingMessage,
	wss: WebSocketServer
): Promise<Admission> {
	// Mounted at /peerjs/; PeerJS opens <path>/peerjs?key=…&id=…&token=…, the server's one path.
	if (!wss.shouldHandle(req)) {
		return refuse(404, 'Not Found');
	}
	if (!isOriginAllowed(req, services.config.origin)) {
		return refuse(403, 'Forbidden');
	}
	const secure = isHttpsRequest(req.headers['x-forwarded-proto'], services.config.origin);
	const current = await services.auth.current(
		sessionTokenFromCookieHeader(req.headers.cookie, secure)
	);
	if (!current) {
		return refuse(401, 'Unauthorized');
	}
	const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
	const peerId = params.get('id') ?? '';
	// Only ids this server issued to this user: PeerJS would otherwise take any id a page names.
	if (params.get('key') !== PEER_KEY || !services.calls.mayConnect(peerId, current.user.id)) {
		return refuse(403, 'Forbidden');
	}
	return { ok: true, peerId, userId: current.user.id, sessionId: current.session.id };
}

/** The same rule as the sync endpoint: ORIGIN if configured, else the request's own Host. */
function isOriginAllowed(req: http.IncomingMessage, configured: string | undefined): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) {
		// Not a browser page (no Origin); a browser marks cross-site requests itself.
		return req.headers['sec-fetch-site'] !== 'cross-site';
	}
	if (configured) {
		return origin === configured;
	}
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
