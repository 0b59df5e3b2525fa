import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('uses argon2id with a per-hash salt', async () => {
		const a = await hashPassword('correct horse');
		const b = await hashPassword('correct horse');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct horse');
	});

	it('verifies the right password and rejects a wrong one', async () => {
		const stored = await hashPassword('correct horse');
		expect(await verifyPassword(stored, 'correct horse')).toBe(true);
		expect(await verifyPassword(stored, 'Correct horse')).toBe(false);
	});

	it('treats a malformed stored hash as a failed check, not a crash', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});
});
