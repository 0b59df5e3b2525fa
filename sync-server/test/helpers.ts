import fs from 'node:fs';
import { afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocAccess } from '../../src/lib/sync/protocol';
import {
	createSyncServer,
	SqlitePersistence,
	type Principal,
	type SyncServer,
	type SyncServerOptions
} from '../src/index';

/** Who may open what in tests: token → user, user → doc → access. */
export const ACCESS: Record<string, Record<string, DocAccess>> = {
	alice: { 'doc-a': 'read-write', 'doc-b': 'read-write', 'doc-ro': 'read-write' },
	bob: { 'doc-a': 'read-write', 'doc-b': 'read-write', 'doc-ro': 'read-only' }
};

/** Reads `?token=` like the real app does; the token is simply the user id here. */
export async function authenticateByToken(
	request: http.IncomingMessage
): Promise<Principal | null> {
	const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
	return token && ACCESS[token] ? { userId: token, sessionId: `session-${token}` } : null;
}

export async function authorizeFromTable(
	principal: Principal,
	docName: string
): Promise<DocAccess> {
	return ACCESS[principal.userId]?.[docName] ?? 'none';
}

export interface TestServer {
	sync: SyncServer;
	/** What the server logged; tests stay quiet and can assert on it. */
	logs: string[];
	persistence: SqlitePersistence;
	http: http.Server;
	/** ws://127.0.0.1:<port>/sync, the serverUrl a WebsocketProvider takes. */
	url: string;
	origin: string;
	dataDir: string;
	close(): Promise<void>;
}

export function makeDataDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-sync-'));
}

export async function startTestServer(
	options: { dataDir?: string; synchronous?: 'FULL' | 'NORMAL' } & Partial<SyncServerOptions> = {}
): Promise<TestServer> {
	const dataDir = options.dataDir ?? makeDataDir();
	const persistence = new SqlitePersistence({
		filename: path.join(dataDir, 'docs.sqlite'),
		synchronous: options.synchronous
	});
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	const logs: string[] = [];
	const sync = createSyncServer({
		logger: {
			warn: (message) => logs.push(`warn: ${message}`),
			error: (message) => logs.push(`error: ${message}`)
		},
		persistence,
		authenticate: authenticateByToken,
		authorize: authorizeFromTable,
		allowedOrigin: origin,
		...options
	});
	server.on('upgrade', (req, socket, head: Buffer) => sync.handleUpgrade(req, socket, head));
	return {
		sync,
		logs,
		persistence,
		http: server,
		url: `ws://127.0.0.1:${port}/sync`,
		origin,
		dataDir,
		async close() {
			await sync.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await persistence.close();
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** The first close event sent by the server, if any. */
	closed: Promise<{ code: number; reason: string }>;
	synced(): Promise<void>;
	destroy(): void;
}

/** The stock y-websocket client, exactly as a browser would use it (minus BroadcastChannel). */
export function connectClient(
	url: string,
	docName: string,
	token: string | null,
	options: { doc?: Y.Doc; connect?: boolean } = {}
): TestClient {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(url, docName, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: token ? { token } : {},
		// Same-process clients would otherwise sync through BroadcastChannel, not the server.
		disableBc: true,
		connect: options.connect ?? true
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		provider.on('connection-close', (event) => {
			if (event) {
				resolve({ code: event.code, reason: event.reason });
			}
		});
	});
	return {
		doc,
		provider,
		closed,
		synced: () =>
			provider.synced
				? Promise.resolve()
				: new Promise((resolve) => provider.once('sync', (state: boolean) => state && resolve())),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Polls until the condition holds; bounded so a broken server fails the test instead of hanging. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('condition not met in time');
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export const text = (doc: Y.Doc, name = 'text') => doc.getText(name).toString();

export interface RawClient {
	ws: WebSocket;
	messages: Buffer[];
	opened: Promise<void>;
	closed: Promise<{ code: number; reason: string }>;
	/** Resolves with the HTTP status when the upgrade itself is refused. */
	refused: Promise<number>;
}

/** A bare websocket for what the stock client would never send (garbage, huge frames). */
export function rawClient(
	url: string,
	docName: string,
	token: string | null,
	headers: Record<string, string> = {}
): RawClient {
	const query = token ? `?token=${encodeURIComponent(token)}` : '';
	const ws = new WebSocket(`${url}/${encodeURIComponent(docName)}${query}`, { headers });
	const messages: Buffer[] = [];
	ws.on('message', (data: Buffer) => messages.push(data));
	ws.on('error', () => {});
	return {
		ws,
		messages,
		opened: new Promise((resolve) => ws.once('open', () => resolve())),
		closed: new Promise((resolve) =>
			ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		),
		refused: new Promise((resolve) =>
			ws.once('unexpected-response', (_req, res) => {
				resolve(res.statusCode ?? 0);
				ws.terminate();
			})
		)
	};
}

/**
 * Servers and clients that are closed after each test, newest first. Call once at the top of a
 * test file: it registers its own afterEach.
 *
 *     const { server, client, onCleanup } = testResources();
 */
export function testResources() {
	const cleanups: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const fn of cleanups.splice(0).reverse()) {
			await fn();
		}
	});
	const onCleanup = (...fns: (() => Promise<void> | void)[]) => void cleanups.push(...fns);
	return {
		onCleanup,
		async server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
			const s = await startTestServer(options);
			onCleanup(() => s.close());
			return s;
		},
		client(...args: Parameters<typeof connectClient>): TestClient {
			const c = connectClient(...args);
			onCleanup(() => c.destroy());
			return c;
		}
	};
}
