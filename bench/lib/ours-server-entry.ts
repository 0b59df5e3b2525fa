import { createServer } from 'node:http';
import path from 'node:path';
import { createSyncServer, SqlitePersistence } from '../../sync-server/src/index';
import { EngagementUpdatePolicy } from '../../server/engagement-update-policy';
import { announceReady, answerParent } from './ipc';
import { traced } from './server-trace';

/**
 * Child process running our sync server exactly as the app composes it (durable SQLite with its
 * SYNC_DURABILITY default, group commit, compaction), except for hooks that admit everyone: the
 * benchmark measures syncing, not our session lookup.
 */
const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) {
	throw new Error('BENCH_DATA_DIR is not set');
}
// The app's default SYNC_DURABILITY=crash is NORMAL; BENCH_SQLITE_SYNC=FULL is power-loss.
const synchronous = process.env.BENCH_SQLITE_SYNC === 'FULL' ? 'FULL' : 'NORMAL';
const persistence = new SqlitePersistence({ filename: path.join(dataDir, 'sync.db'), synchronous });
let connectionCount = 0;
// BENCH_UPDATE_POLICY=1: every document is inspected as the app inspects `eng:` documents
// (StructIndex plus the authorship rules; client ids owned in memory instead of SQLite), to
// measure what the checks cost on the same workloads.
const owners = new Map<string, string>();
const policy =
	process.env.BENCH_UPDATE_POLICY === '1'
		? new EngagementUpdatePolicy({
				ownerOf: (doc, client) => owners.get(`${doc}\n${client}`) ?? null,
				claim: (doc, client, user) => void owners.set(`${doc}\n${client}`, user)
			})
		: null;
const sync = createSyncServer({
	persistence: traced(persistence, process.env.BENCH_TRACE),
	// One user per socket: the benchmark's hundreds of clients on one document are people, not
	// one person's tabs (maxConnectionsPerUserPerDoc).
	authenticate: () => Promise.resolve({ userId: `bench-${(connectionCount += 1)}` }),
	authorize: () => Promise.resolve('read-write'),
	isOriginAllowed: () => true,
	unloadGraceMs: Number(process.env.BENCH_UNLOAD_MS ?? 30_000),
	// The fan-out scenario offers thousands of edits per second per socket to find the server's
	// ceiling; a person's rate limit would close them. The check itself still runs on each message.
	messageRate: { perSecond: 1e9, burst: 1e9 },
	updatePolicy: () => policy,
	// BENCH_PIPELINE_DEPTH=1 turns commit pipelining off (one batch in flight), for A/B runs.
	...(process.env.BENCH_PIPELINE_DEPTH
		? { commitPipelineDepth: Number(process.env.BENCH_PIPELINE_DEPTH) }
		: {})
});
const server = createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	announceReady(typeof address === 'object' && address ? address.port : 0);
});
answerParent();

process.on('SIGTERM', () => {
	void sync
		.close()
		.then(() => persistence.close())
		.finally(() => process.exit(0));
});
