import { loadConfig } from '../src/lib/server/config';
import { startTandemServer } from './app';

// `npm start` lands here: one process serving the app, the sync endpoint and call signaling.
const config = loadConfig();
const tandem = await startTandemServer(config);
// Tests and scripts read this line to learn the port when PORT=0.
console.log(`Tandem listening on ${tandem.url} (data in ${config.dataDir})`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
	if (closing) {
		return;
	}
	closing = true;
	console.log(`${signal} received, closing`);
	await tandem.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
