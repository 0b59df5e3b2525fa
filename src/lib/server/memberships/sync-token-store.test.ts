import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../auth/session-store';
import type { AppDatabase } from '../database/app-database';
import { appDatabaseFixture, ENGINES } from '../database/app-database.testing';
import { UserStore } from '../users';
import { SYNC_TOKEN_TTL_MS, SyncTokenStore } from './sync-token-store';

describe.each(ENGINES)('SyncTokenStore on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	let database: AppDatabase;
	let f: {
		clock: { now: () => number; advance: (ms: number) => void };
		sessions: SessionStore;
		syncTokens: SyncTokenStore;
	};
	beforeEach(async () => {
		database = await databases.open();
		let time = Date.UTC(2026, 0, 5, 9);
		const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
		const sessions = new SessionStore(database, { now: clock.now });
		f = { clock, sessions, syncTokens: new SyncTokenStore(database, clock.now) };
	});
	afterEach(() => databases.closeAll());

	async function signedIn() {
		const user = (await new UserStore(database).create({
			email: 'cora@example.com',
			name: 'Cora',
			role: 'coach',
			passwordHash: 'x'
		}))!;
		const { session } = await f.sessions.create(user.id);
		return { userId: user.id, sessionId: session.id };
	}

	it('verifies to its principal and stores only a hash', async () => {
		const principal = await signedIn();
		const { token, expiresAt } = await f.syncTokens.mint(principal);
		expect(expiresAt).toBe(f.clock.now() + SYNC_TOKEN_TTL_MS);
		expect(await f.syncTokens.verify(token)).toEqual(principal);
		const rows = await database.db.selectFrom('sync_tokens').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('expires after its lifetime', async () => {
		const { token } = await f.syncTokens.mint(await signedIn());
		f.clock.advance(SYNC_TOKEN_TTL_MS - 1);
		expect(await f.syncTokens.verify(token)).not.toBeNull();
		f.clock.advance(1);
		expect(await f.syncTokens.verify(token)).toBeNull();
	});

	it('dies with its session', async () => {
		const principal = await signedIn();
		const { token } = await f.syncTokens.mint(principal);
		const other = await f.syncTokens.mint({
			...principal,
			sessionId: (await f.sessions.create(principal.userId)).session.id
		});
		await f.sessions.invalidate(principal.sessionId);
		expect(await f.syncTokens.verify(token)).toBeNull();
		expect(await f.syncTokens.verify(other.token)).not.toBeNull();
	});

	it('refuses unknown, empty and oversized tokens', async () => {
		await f.syncTokens.mint(await signedIn());
		expect(await f.syncTokens.verify('nope')).toBeNull();
		expect(await f.syncTokens.verify('')).toBeNull();
		expect(await f.syncTokens.verify(null)).toBeNull();
		expect(await f.syncTokens.verify('a'.repeat(10_000))).toBeNull();
	});

	it('prunes expired rows when minting', async () => {
		const principal = await signedIn();
		await f.syncTokens.mint(principal);
		f.clock.advance(SYNC_TOKEN_TTL_MS);
		await f.syncTokens.mint(principal);
		const { n } = await database.db
			.selectFrom('sync_tokens')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect({ n: Number(n) }).toEqual({ n: 1 });
	});
});
