import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
const LOCK = '/tmp/tandem-build.lock';
// Inputs of `vite build`: a change to any of them makes build/ stale.
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(target: string): number {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) {
		return 0;
	}
	if (!stat.isDirectory()) {
		return stat.mtimeMs;
	}
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

function isStale(): boolean {
	const built = fs.statSync(path.join(root, 'build/handler.js'), { throwIfNoEntry: false });
	if (!built) {
		return true;
	}
	return INPUTS.some((input) => newestMtime(path.join(root, input)) > built.mtimeMs);
}

/**
 * Builds the app when its sources are newer than build/, then copies build/ to a private
 * folder the bench serves from. Other workers rebuild build/ at any time (adapter-node empties
 * it first), which would pull the chunks from under a running bench; the copy cannot change.
 * The copy lives under node_modules/ so the server bundle still resolves its packages.
 */
export function snapshotBuild(log: (line: string) => void): string {
	if (process.env.BENCH_SKIP_BUILD !== '1' && isStale()) {
		log('build/ is older than the sources: building (flock /tmp/tandem-build.lock npm run build)');
		// Piped, so a failed build's error message carries its output.
		execFileSync('flock', [LOCK, 'npm', 'run', 'build'], { cwd: root, stdio: 'pipe' });
	}
	const target = path.join(root, 'node_modules/.cache/tandem-client-bench', `build-${process.pid}`);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	execFileSync('flock', [LOCK, 'cp', '-r', path.join(root, 'build'), target]);
	return target;
}

export function removeSnapshot(buildDir: string): void {
	fs.rmSync(buildDir, { recursive: true, force: true });
}
