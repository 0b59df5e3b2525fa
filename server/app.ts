import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerConfig } from '../src/lib/server/config';
import { createServices } from '../src/lib/server/create-services';
import { DEFAULT_IMPORT_LIMITS } from '../src/lib/server/data-import/read-export-zip';
import { securityHeaders } from '../src/lib/server/security-headers';
import { provideServices, type Services } from '../src/lib/server/services';
import { CAUGHT_UP_LINE } from './caught-up';
import { attachPeer } from './peer-wiring';
import { attachSync } from './sync-wiring';
import type { SyncServer } from '../sync-server/src/index';
import { rejectUpgrade, UpgradeRouter } from './upgrade-router';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

export interface TandemServer {
	server: http.Server;
	services: Services;
	upgrades: UpgradeRouter;
	/** The sync endpoint; `withDoc` writes to a document through the same durable path. */
	sync: SyncServer;
	/** Where the server can be reached, e.g. http://localhost:3000. */
	url: string;
	close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** The composition root: builds the services, mounts SvelteKit and the websocket endpoints on one port. */
export async function startTandemServer(config: ServerConfig): Promise<TandemServer> {
	const services = await createServices(config);
	provideServices(services);
	if (!config.origin) {
		// Without ORIGIN, adapter-node assumes https; this server speaks plain http, so say so
		// unless a TLS-terminating proxy already did (then ORIGIN should be set anyway).
		process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
	}
	// adapter-node refuses bodies over 512 KB before any endpoint runs, and an export uploaded to
	// POST /api/import is often larger; JSON endpoints keep their own 64 KiB cap (http.ts).
	process.env.BODY_SIZE_LIMIT ??= String(DEFAULT_IMPORT_LIMITS.maxZipBytes);
	const handlerUrl = pathToFileURL(path.resolve(root, config.buildDir, 'handler.js')).href;
	const { handler } = (await import(handlerUrl)) as { handler: NodeHandler };

	const upgrades = new UpgradeRouter();
	const attached = attachSync(services, upgrades);
	services.docWriter.bind(attached.sync);
	const headers = Object.entries(securityHeaders(config.origin));
	const server = http.createServer((req, res) => {
		for (const [name, value] of headers) {
			res.setHeader(name, value);
		}
		if (!config.origin) {
			req.headers['x-forwarded-proto'] ??= 'http';
		}
		handler(req, res, () => {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
		});
	});
	const peer = attachPeer(services, upgrades, server);
	server.on('upgrade', (req, socket, head: Buffer) => {
		if (!upgrades.handle(req, socket, head)) {
			rejectUpgrade(socket, 404, 'Not Found');
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	const sweep = setInterval(() => {
		// Each sweep on its own: one failing (a dropped database connection) skips only itself.
		for (const run of [
			() => services.auth.sweep(),
			() => services.signup.sweep(),
			() => services.passwords.sweep(),
			() => services.emailChanges.sweep()
		]) {
			run().catch((error: unknown) => console.error('sweep failed', error));
		}
		services.payments.remindOverdue();
	}, SWEEP_INTERVAL_MS);
	sweep.unref();
	// Reminders due while the server was down go out now (claimed, so never twice).
	services.scheduling.reminders.start();
	// Emails queued while the server was down (or the mail server was) go out now.
	services.mailQueue.start();
	// Said once both catch-up passes are done (and the emails they queued were tried): operators
	// see the end of the catch-up, and tests wait on it, not on time, to prove nothing more is sent.
	void services.scheduling.reminders
		.tick()
		.then(() => services.mailQueue.idle())
		.then(() => console.log(CAUGHT_UP_LINE));
	// Payments settled while the server was stopping get their purchase and invitation now.
	void services.payments.resume();

	const { port } = server.address() as AddressInfo;
	const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	return {
		server,
		services,
		upgrades,
		sync: attached.sync,
		url: `http://${host}:${port}`,
		async close() {
			clearInterval(sweep);
			await services.scheduling.reminders.stop();
			await services.mailQueue.stop();
			services.docWriter.bind(null);
			await peer.close();
			await attached.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await services.database.close();
			provideServices(undefined);
		}
	};
}
