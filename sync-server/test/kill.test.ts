import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, makeDataDir, waitFor } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixtures', 'start-server.ts');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill('SIGKILL')));

async function spawnSyncServer(
	dataDir: string,
	synchronous: 'FULL' | 'NORMAL'
): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
		cwd: root,
		env: { ...process.env, DATA_DIR: dataDir, SYNCHRONOUS: synchronous },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /LISTENING (\S+)/.exec(output);
			if (match) {
				resolve(match[1]!);
			}
		});
		child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${output}`)));
	});
	return { child, url };
}

function killHard(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

// FULL is SYNC_DURABILITY=power-loss, NORMAL is SYNC_DURABILITY=crash (the app's default): a killed
// process must lose nothing in either.
describe.each(['FULL', 'NORMAL'] as const)('kill -9 with synchronous=%s', (synchronous) => {
	it('loses no update that any client has received', { timeout: 20_000 }, async () => {
		const dataDir = makeDataDir();
		const first = await spawnSyncServer(dataDir, synchronous);
		const writer = connectClient(first.url, 'doc-a', 'alice');
		const observer = connectClient(first.url, 'doc-a', 'bob');
		await Promise.all([writer.synced(), observer.synced()]);
		const received = observer.doc.getArray<number>('n');

		let burst = true;
		const writing = (async () => {
			for (let i = 0; burst && i < 20_000; i++) {
				writer.doc.getArray<number>('n').push([i]);
				await new Promise((resolve) => setTimeout(resolve, 1));
			}
		})();
		await waitFor(() => received.length >= 300, 10_000);
		await killHard(first.child);
		burst = false;
		await writing;
		// Everything the server sent before dying is still readable from the socket: take it all.
		await observer.closed;
		// The writer must not reconnect and resend: that would hide a loss.
		writer.destroy();
		const seen = received.toArray();
		observer.destroy();
		const written = writer.doc.getArray<number>('n').length;

		const second = await spawnSyncServer(dataDir, synchronous);
		const reader = connectClient(second.url, 'doc-a', 'bob');
		await reader.synced();
		const reloaded = new Set(reader.doc.getArray<number>('n').toArray());
		reader.destroy();

		expect(seen.length).toBeGreaterThanOrEqual(300);
		expect(written).toBeGreaterThanOrEqual(seen.length);
		expect(seen.filter((n) => !reloaded.has(n))).toEqual([]);
	});
});
