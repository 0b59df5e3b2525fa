import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipFixture } from './membership-fixture.testing';
import { SYNC_TOKEN_TTL_MS } from './sync-token-store';

let f: ReturnType<typeof membershipFixture>;
beforeEach(() => {
	f = membershipFixture();
});
afterEach(() => f.cleanup());

async function signedIn() {
	const user = await f.account('coach', 'Cora', 'cora@example.com');
	const { session } = await f.sessions.create(user.id);
	return { userId: user.id, sessionId: session.id };
}

describe('SyncTokenStore', () => {
	it('verifies to its principal and stores only a hash', async () => {
		const principal = await signedIn();
		const { token, expiresAt } = f.syncTokens.mint(principal);
		expect(expiresAt).toBe(f.clock.now() + SYNC_TOKEN_TTL_MS);
		expect(f.syncTokens.verify(token)).toEqual(principal);
		const rows = f.db.prepare('SELECT * FROM sync_tokens').all();
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('expires after its lifetime', async () => {
		const { token } = f.syncTokens.mint(await signedIn());
		f.clock.advance(SYNC_TOKEN_TTL_MS - 1);
		expect(f.syncTokens.verify(token)).not.toBeNull();
		f.clock.advance(1);
		expect(f.syncTokens.verify(token)).toBeNull();
	});

	it('dies with its session', async () => {
		const principal = await signedIn();
		const { token } = f.syncTokens.mint(principal);
		const other = f.syncTokens.mint({
			...principal,
			sessionId: (await f.sessions.create(principal.userId)).session.id
		});
		await f.sessions.invalidate(principal.sessionId);
		expect(f.syncTokens.verify(token)).toBeNull();
		expect(f.syncTokens.verify(other.token)).not.toBeNull();
	});

	it('refuses unknown, empty and oversized tokens', async () => {
		f.syncTokens.mint(await signedIn());
		expect(f.syncTokens.verify('nope')).toBeNull();
		expect(f.syncTokens.verify('')).toBeNull();
		expect(f.syncTokens.verify(null)).toBeNull();
		expect(f.syncTokens.verify('a'.repeat(10_000))).toBeNull();
	});

	it('prunes expired rows when minting', async () => {
		const principal = await signedIn();
		f.syncTokens.mint(principal);
		f.clock.advance(SYNC_TOKEN_TTL_MS);
		f.syncTokens.mint(principal);
		expect(f.db.prepare('SELECT COUNT(*) AS n FROM sync_tokens').get()).toEqual({ n: 1 });
	});
});
