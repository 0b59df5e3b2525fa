import type { ViteDevServer } from 'vite';
import { loadConfig } from '../src/lib/server/config';
import { createServices } from '../src/lib/server/create-services';
import { provideServices } from '../src/lib/server/services';
import { attachPeer } from './peer-wiring';
import { attachSync } from './sync-wiring';
import { UpgradeRouter } from './upgrade-router';

/**
 * `npm run dev` gets the same services and websocket endpoints as `npm start`, attached to
 * Vite's own HTTP server. Unmatched upgrades are left alone: Vite's HMR socket uses them.
 */
export async function attachDevServices(server: ViteDevServer): Promise<void> {
	if (!server.httpServer) {
		return;
	}
	const services = await createServices(loadConfig());
	provideServices(services);
	const upgrades = new UpgradeRouter();
	const attached = attachSync(services, upgrades);
	services.docWriter.bind(attached.sync);
	services.scheduling.reminders.start();
	services.mailQueue.start();
	const peer = attachPeer(services, upgrades, server.httpServer);
	server.httpServer.on('upgrade', (req, socket, head: Buffer) =>
		upgrades.handle(req, socket, head)
	);
	server.httpServer.on('close', () => {
		services.docWriter.bind(null);
		void Promise.all([
			peer.close(),
			attached.close(),
			services.scheduling.reminders.stop(),
			services.mailQueue.stop()
		]).finally(() => services.database.close());
	});
}
