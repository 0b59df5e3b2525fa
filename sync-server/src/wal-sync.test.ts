import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WalSync } from './wal-sync.js';

const dirs: string[] = [];
afterEach(() => {
	vi.restoreAllMocks();
	dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

/** Holds every fdatasync until the test completes it, and remembers which file it was for. */
function heldSyncs() {
	const held: { ino: number; done: (error: Error | null) => void }[] = [];
	const fake = (fd: number, done: (error: Error | null) => void) => {
		held.push({ ino: fs.fstatSync(fd).ino, done });
	};
	vi.spyOn(fs, 'fdatasync').mockImplementation(fake as unknown as typeof fs.fdatasync);
	return held;
}

function walFile(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-wal-'));
	dirs.push(dir);
	fs.writeFileSync(path.join(dir, 'docs.sqlite-wal'), 'frames');
	return path.join(dir, 'docs.sqlite');
}

describe('WalSync', () => {
	it('acknowledges a commit only after an fdatasync that started after it', () => {
		const held = heldSyncs();
		const sync = new WalSync(walFile());
		const acked: string[] = [];
		sync.afterSync(() => acked.push('a'));
		// Written while the first fdatasync runs: that one may not cover it.
		sync.afterSync(() => acked.push('b'));
		sync.afterSync(() => acked.push('c'));
		expect(held).toHaveLength(1);
		held[0]!.done(null);
		expect(acked).toEqual(['a']);
		expect(held).toHaveLength(2);
		held[1]!.done(null);
		expect(acked).toEqual(['a', 'b', 'c']);
		expect(held).toHaveLength(2);
		sync.close();
	});

	it('passes an fdatasync failure to the commits it covered', () => {
		const held = heldSyncs();
		const sync = new WalSync(walFile());
		const outcomes: (Error | null)[] = [];
		sync.afterSync((error) => outcomes.push(error));
		held[0]!.done(new Error('EIO'));
		expect(outcomes.map((e) => e?.message)).toEqual(['EIO']);
		sync.close();
	});

	it('follows the WAL file when it is replaced', () => {
		const held = heldSyncs();
		const file = walFile();
		const sync = new WalSync(file);
		sync.afterSync(() => {});
		held[0]!.done(null);
		fs.rmSync(`${file}-wal`);
		fs.writeFileSync(`${file}-wal`, 'new frames');
		sync.afterSync(() => {});
		expect(held[1]!.ino).toBe(fs.statSync(`${file}-wal`).ino);
		expect(held[1]!.ino).not.toBe(held[0]!.ino);
		held[1]!.done(null);
		sync.close();
	});
});
