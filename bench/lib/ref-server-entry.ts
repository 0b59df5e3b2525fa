import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebSocket, WebSocketServer } from 'ws';
import { announceReady, answerParent } from './ipc';

/**
 * Child process running the reference server (@y/websocket-server's setupWSConnection), loaded
 * from the isolated install in REF_DIR so our repository keeps exactly one yjs copy. Mirrors the
 * package's own src/server.js, except that it serves /sync/<doc> like ours so the clients are
 * identical. Setting YPERSISTENCE (handled inside the package) makes it durable via LevelDB.
 */
type SetupConnection = (conn: WebSocket, req: IncomingMessage, opts: { docName: string }) => void;

const refDir = process.env.REF_DIR;
if (!refDir) {
	throw new Error('REF_DIR is not set');
}
const requireRef = createRequire(path.join(refDir, 'package.json'));
const utilsPath = requireRef.resolve('@y/websocket-server/utils');
const utils = (await import(pathToFileURL(utilsPath).href)) as {
	setupWSConnection: SetupConnection;
};
const ws = requireRef('ws') as { WebSocketServer: typeof WebSocketServer };

const wss = new ws.WebSocketServer({ noServer: true });
const server = createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) => {
	const docName = decodeURIComponent((req.url ?? '').split('?')[0]?.replace(/^\/sync\//, '') ?? '');
	wss.handleUpgrade(req, socket, head, (conn) => utils.setupWSConnection(conn, req, { docName }));
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	announceReady(typeof address === 'object' && address ? address.port : 0);
});
answerParent();
