import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildMessage, ParentMessage } from './ipc';

const root = path.resolve(import.meta.dirname, '../..');
const REF_PACKAGES = ['@y/websocket-server@0.1.1', 'yjs@13', 'ws@8'];

/**
 * Installs the reference server outside the repository (never in /work/main: the app must keep
 * one yjs copy). ws@8 is added so both servers use the same ws major and the ratios measure
 * server logic, not the socket library.
 */
export function ensureReference(dir: string): void {
	const marker = path.join(dir, 'node_modules/@y/websocket-server/package.json');
	const wsMarker = path.join(dir, 'node_modules/ws/package.json');
	const installed = fs.existsSync(marker) && fs.existsSync(wsMarker);
	if (installed && readVersion(marker) === '0.1.1' && readVersion(wsMarker).startsWith('8.')) {
		console.log(`reference server: using ${dir}`);
		return;
	}
	const args = ['install', '--prefix', dir, '--no-audit', '--no-fund', ...REF_PACKAGES];
	console.log(`reference server: npm ${args.join(' ')}`);
	fs.mkdirSync(dir, { recursive: true });
	const result = spawnSync('npm', args, { stdio: 'inherit', timeout: 300_000 });
	if (result.status !== 0) {
		throw new Error(`npm install of the reference server failed (${result.status})`);
	}
}

function readVersion(packageJson: string): string {
	return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;

/** Pins the bench's own threads (the clients) to core 0; servers get core 1. */
export function pinSelfToCore0(): boolean {
	return hasTaskset && spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)]).status === 0;
}

export interface BenchServer {
	/** Websocket base URL; append the document name. */
	baseUrl: string;
	pid: number;
	rssMb(): number;
	/** User + system CPU time the server process has used so far, in ms. */
	cpuMs(): number;
	gc(): Promise<void>;
	stop(): Promise<void>;
}

export async function startServer(
	entry: string,
	env: Record<string, string>
): Promise<BenchServer> {
	// BENCH_CPU_PROF=<dir>: V8 CPU profiles of every server process, written when it stops.
	const profile = process.env.BENCH_CPU_PROF
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
		: [];
	const node = [
		process.execPath,
		'--expose-gc',
		...profile,
		'--import',
		'tsx',
		path.join(root, entry)
	];
	const [command, ...args] = hasTaskset ? ['taskset', '-c', '1', ...node] : node;
	const child = spawn(command!, args, {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
	child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
	// BENCH_SERVER_LOG=1: the servers' own warnings (dropped slow readers, failures) as they come.
	if (process.env.BENCH_SERVER_LOG === '1') {
		child.stderr?.pipe(process.stderr);
		child.stdout?.pipe(process.stderr);
	}
	const port = await waitForReady(child, () => output);
	const pid = child.pid!;
	return {
		baseUrl: `ws://127.0.0.1:${port}/sync/`,
		pid,
		rssMb: () => readRssMb(pid),
		cpuMs: () => readCpuMs(pid),
		gc: () => requestGc(child),
		stop: () => stopChild(child)
	};
}

function waitForReady(child: ChildProcess, output: () => string): Promise<number> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server not ready:\n${output()}`)), 30_000);
		child.on('message', (message: ChildMessage) => {
			if (message.type === 'ready') {
				clearTimeout(timer);
				resolve(message.port);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code}):\n${output()}`));
		});
	});
}

function requestGc(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, 5_000);
		const onMessage = (message: ChildMessage) => {
			if (message.type === 'gc-done') {
				clearTimeout(timer);
				child.off('message', onMessage);
				resolve();
			}
		};
		child.on('message', onMessage);
		child.send({ type: 'gc' } satisfies ParentMessage);
	});
}

function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return Promise.resolve();
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

function readRssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
	return kb / 1024;
}

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel.
const TICK_MS = 10;

function readCpuMs(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the parenthesised command name; utime and stime are fields 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
