import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	url: string;
	dataDir: string;
	process: ChildProcess;
	/** Everything the server printed, for assertions on logs (e.g. secrets never logged). */
	output(): string;
	/** Graceful stop (SIGTERM). */
	stop(): Promise<void>;
	/** kill -9: no chance to flush anything. */
	kill(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

export function makeDataDir(prefix = 'tandem-test-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts the real production entry (server/index.ts over the built app) on port 0 as a child
 * process, so tests exercise exactly what `npm start` runs. Requires `npm run build` first.
 */
export async function spawnServer(
	options: { dataDir?: string; env?: Record<string, string> } = {}
): Promise<RunningServer> {
	const dataDir = options.dataDir ?? makeDataDir();
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: root,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const url = await new Promise<string>((resolve, reject) => {
		// A bound, not a wait: a busy 2-core CI machine has taken over 20 s to start tsx.
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
		const onData = () => {
			const match = /Tandem listening on (http:\/\/\S+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				child.stdout.off('data', onData);
				resolve(match[1]);
			}
		};
		child.stdout.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});

	return {
		url,
		dataDir,
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
			}
			await exited;
		},
		async kill() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
			}
			await exited;
		}
	};
}
