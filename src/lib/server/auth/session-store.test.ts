import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../database/app-database';
import { appDatabaseFixture, ENGINES } from '../database/app-database.testing';
import { UserStore } from '../users';
import { publicSessionId, SessionStore, type SessionPolicy } from './session-store';

const policy: SessionPolicy = { inactivityTimeoutMs: 10_000, activityCheckIntervalMs: 1_000 };

describe.each(ENGINES)('SessionStore on %s', (engine) => {
	const databases = appDatabaseFixture(engine);
	afterEach(() => databases.closeAll());

	async function setup() {
		const database: AppDatabase = await databases.open();
		const user = (await new UserStore(database).create({
			email: 'coach@example.com',
			name: 'Coach',
			role: 'coach',
			passwordHash: 'x'
		}))!;
		let now = 1_000_000;
		const clock = {
			advance: (ms: number) => (now += ms),
			now: () => now
		};
		const sessions = new SessionStore(database, { policy, now: clock.now });
		return { database, user, sessions, clock };
	}

	it('issues <id>.<secret> tokens and stores only a SHA-256 of the secret', async () => {
		const { database, user, sessions } = await setup();
		const { token, session } = await sessions.create(user.id);
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		expect(secret).toMatch(/^[a-km-np-z2-9]{24}$/);
		const row = (await database.db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id!)
			.executeTakeFirstOrThrow()) as Record<string, unknown>;
		const stored = JSON.stringify(Object.values(row).map((v) => String(v)));
		expect(stored).not.toContain(secret);
		expect((row.secret_hash as Buffer).byteLength).toBe(32);
	});

	it('validates the right token and rejects a wrong secret, a malformed token and an unknown id', async () => {
		const { user, sessions } = await setup();
		const { token } = await sessions.create(user.id);
		const [id] = token.split('.');
		expect((await sessions.validate(token))?.session.userId).toBe(user.id);
		expect(await sessions.validate(`${id}.wrongsecretwrongsecret00`)).toBeNull();
		expect(await sessions.validate('no-dot')).toBeNull();
		expect(await sessions.validate(`${id}.`)).toBeNull();
		expect(await sessions.validate('a.b.c')).toBeNull();
		expect(await sessions.validate('unknownid.secret')).toBeNull();
		expect(await sessions.validate(undefined)).toBeNull();
	});

	it('slides the expiry forward on use, at most once per check interval', async () => {
		const { user, sessions, clock } = await setup();
		const { token } = await sessions.create(user.id);
		clock.advance(500);
		expect((await sessions.validate(token))?.refreshed).toBe(false);
		clock.advance(1_000);
		const refreshed = await sessions.validate(token);
		expect(refreshed?.refreshed).toBe(true);
		expect(refreshed?.session.lastVerifiedAt).toBe(clock.now());
		// Used every 9 s, a 10 s inactivity timeout never ends the session.
		for (let i = 0; i < 5; i++) {
			clock.advance(9_000);
			expect(await sessions.validate(token)).not.toBeNull();
		}
	});

	it('expires a session left unused past the inactivity timeout and deletes it', async () => {
		const { database, user, sessions, clock } = await setup();
		const { token, session } = await sessions.create(user.id);
		clock.advance(10_000);
		expect(await sessions.validate(token)).toBeNull();
		const { n } = await database.db
			.selectFrom('sessions')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('id', '=', session.id)
			.executeTakeFirstOrThrow();
		expect({ n: Number(n) }).toEqual({ n: 0 });
	});

	it('invalidates one session or all of a user, and tells listeners which', async () => {
		const { user, sessions } = await setup();
		const a = await sessions.create(user.id);
		const b = await sessions.create(user.id);
		const revoked: string[][] = [];
		sessions.onRevoke((ids) => revoked.push(ids));
		await sessions.invalidate(a.session.id);
		expect(await sessions.validate(a.token)).toBeNull();
		expect(await sessions.validate(b.token)).not.toBeNull();
		await sessions.invalidateAllForUser(user.id);
		expect(await sessions.validate(b.token)).toBeNull();
		expect(revoked).toEqual([[a.session.id], [b.session.id]]);
	});

	it('sweeps expired sessions', async () => {
		const { user, sessions, clock } = await setup();
		await sessions.create(user.id);
		await sessions.create(user.id);
		clock.advance(5_000);
		const fresh = await sessions.create(user.id);
		clock.advance(6_000);
		expect(await sessions.deleteExpired()).toBe(2);
		expect(await sessions.validate(fresh.token)).not.toBeNull();
	});

	it('lists the devices with their user agent and last use, and ends one by its public id', async () => {
		const { database, user, clock } = await setup();
		// The default policy: the test's 10-second timeout is shorter than the minute of "last used".
		const sessions = new SessionStore(database, { now: clock.now });
		const laptop = await sessions.create(user.id, 'Laptop UA');
		const phone = await sessions.create(user.id);
		clock.advance(500);
		// The first request of a session made without a user agent records it.
		await sessions.validate(phone.token, 'Phone UA');
		clock.advance(60_000);
		await sessions.validate(phone.token, 'Other UA');
		const listed = await sessions.listForUser(user.id);
		expect(listed.map((d) => d.userAgent)).toEqual(['Phone UA', 'Laptop UA']);
		expect(listed[0]).toMatchObject({
			publicId: publicSessionId(phone.session.id),
			signedInAt: 1_000_000,
			lastUsedAt: 1_060_500
		});
		expect(listed[0]!.publicId).not.toContain(phone.session.id);
		expect(await sessions.invalidateByPublicId('someone-else', listed[1]!.publicId)).toBe(false);
		expect(await sessions.invalidateByPublicId(user.id, listed[1]!.publicId)).toBe(true);
		expect(await sessions.validate(laptop.token)).toBeNull();
		expect(await sessions.validate(phone.token)).not.toBeNull();
	});
});
