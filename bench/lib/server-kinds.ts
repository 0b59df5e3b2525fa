import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type BenchServer } from './servers';

const root = path.resolve(import.meta.dirname, '../..');
export const refDir = path.join(os.tmpdir(), 'tandem-bench-ref');

export type ServerKind = 'reference' | 'reference-durable' | 'ours';

// Ours forgets an idle document after this long; short so "cold" runs really load from SQLite.
export const OURS_UNLOAD_MS = 200;

/** Our server is being written alongside this bench; until its entry point exists we skip it. */
export function oursAvailable(): boolean {
	return fs.existsSync(path.join(root, 'sync-server/src/index.ts'));
}

function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Each kind runs in its own child process on core 1. "reference-durable" is the same package
 * with its built-in LevelDB persistence (YPERSISTENCE), the reference's only path that loads a
 * document from storage, used for the cold-load comparison.
 */
export async function launch(kind: ServerKind): Promise<BenchServer> {
	const dataDir = tempDir(`tandem-bench-${kind}-`);
	const server = await start(kind, dataDir);
	return {
		...server,
		// Each run writes tens of MB of documents; leave nothing behind in the temp folder.
		stop: () => server.stop().finally(() => fs.rmSync(dataDir, { recursive: true, force: true }))
	};
}

function start(kind: ServerKind, dataDir: string): Promise<BenchServer> {
	switch (kind) {
		case 'reference':
			// BENCH_FLOOR=1: the do-nothing relay instead, to show the harness's own floor.
			return process.env.BENCH_FLOOR === '1'
				? startServer('bench/lib/floor-server-entry.ts', {})
				: startServer('bench/lib/ref-server-entry.ts', { REF_DIR: refDir });
		case 'reference-durable':
			return startServer('bench/lib/ref-server-entry.ts', {
				REF_DIR: refDir,
				YPERSISTENCE: dataDir
			});
		case 'ours':
			return startServer('bench/lib/ours-server-entry.ts', {
				BENCH_DATA_DIR: dataDir,
				BENCH_SQLITE_SYNC: process.env.BENCH_SQLITE_SYNC ?? 'NORMAL',
				BENCH_UNLOAD_MS: String(OURS_UNLOAD_MS)
			});
	}
}
