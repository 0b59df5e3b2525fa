// `npm start`: build the app when the build is missing or older than the sources, then serve it.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const handler = path.resolve('build/handler.js');

/** @param {string} dir */
function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
		newest = Math.max(newest, mtime);
	}
	return newest;
}

function buildIsStale() {
	if (!fs.existsSync(handler)) {
		return true;
	}
	const built = fs.statSync(handler).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	return sources.some((p) => {
		if (!fs.existsSync(p)) {
			return false;
		}
		const mtime = fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
		return mtime > built;
	});
}

if (buildIsStale()) {
	console.log('Building the app (first start or sources changed)…');
	execSync('npm run build', { stdio: 'inherit' });
}

const { register } = await import('tsx/esm/api');
register();
// A URL rather than a literal path: the entry is TypeScript, loaded through tsx's hook.
await import(new URL('../server/index.ts', import.meta.url).href);
