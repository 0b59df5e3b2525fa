import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedSeal } from './feed-seal';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function keyFile(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-seal-'));
	dirs.push(dir);
	return path.join(dir, 'secrets', 'calendar-feed.key');
}

describe('FeedSeal', () => {
	it('seals so only the same key file opens it, and the key file is private', () => {
		const file = keyFile();
		const seal = new FeedSeal(file);
		const blob = seal.seal('secret-token');
		expect(blob.toString('latin1')).not.toContain('secret-token');
		expect(new FeedSeal(file).open(blob)).toBe('secret-token');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(new FeedSeal(keyFile()).open(blob)).toBeNull();
		const tampered = Buffer.from(blob);
		tampered[tampered.length - 1]! ^= 1;
		expect(seal.open(tampered)).toBeNull();
	});
});
