import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { UserStore } from '../users';
import { publicSessionId, SessionStore, type SessionPolicy } from './session-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const policy: SessionPolicy = { inactivityTimeoutMs: 10_000, activityCheckIntervalMs: 1_000 };

function setup() {
	const db: Db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-session-')));
	const user = new UserStore(db).create({
		email: 'coach@example.com',
		name: 'Coach',
		role: 'coach',
		passwordHash: 'x'
	})!;
	let now = 1_000_000;
	const clock = {
		advance: (ms: number) => (now += ms),
		now: () => now
	};
	const sessions = new SessionStore(db, { policy, now: clock.now });
	return { db, user, sessions, clock };
}

describe('SessionStore', () => {
	it('issues <id>.<secret> tokens and stores only a SHA-256 of the secret', () => {
		const { db, user, sessions } = setup();
		const { token, session } = sessions.create(user.id);
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		expect(secret).toMatch(/^[a-km-np-z2-9]{24}$/);
		const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Record<
			string,
			unknown
		>;
		const stored = JSON.stringify(Object.values(row).map((v) => String(v)));
		expect(stored).not.toContain(secret);
		expect((row.secret_hash as Buffer).byteLength).toBe(32);
	});

	it('validates the right token and rejects a wrong secret, a malformed token and an unknown id', () => {
		const { user, sessions } = setup();
		const { token } = sessions.create(user.id);
		const [id] = token.split('.');
		expect(sessions.validate(token)?.session.userId).toBe(user.id);
		expect(sessions.validate(`${id}.wrongsecretwrongsecret00`)).toBeNull();
		expect(sessions.validate('no-dot')).toBeNull();
		expect(sessions.validate(`${id}.`)).toBeNull();
		expect(sessions.validate('a.b.c')).toBeNull();
		expect(sessions.validate('unknownid.secret')).toBeNull();
		expect(sessions.validate(undefined)).toBeNull();
	});

	it('slides the expiry forward on use, at most once per check interval', () => {
		const { user, sessions, clock } = setup();
		const { token } = sessions.create(user.id);
		clock.advance(500);
		expect(sessions.validate(token)?.refreshed).toBe(false);
		clock.advance(1_000);
		const refreshed = sessions.validate(token);
		expect(refreshed?.refreshed).toBe(true);
		expect(refreshed?.session.lastVerifiedAt).toBe(clock.now());
		// Used every 9 s, a 10 s inactivity timeout never ends the session.
		for (let i = 0; i < 5; i++) {
			clock.advance(9_000);
			expect(sessions.validate(token)).not.toBeNull();
		}
	});

	it('expires a session left unused past the inactivity timeout and deletes it', () => {
		const { db, user, sessions, clock } = setup();
		const { token, session } = sessions.create(user.id);
		clock.advance(10_000);
		expect(sessions.validate(token)).toBeNull();
		expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(session.id)).toEqual({
			n: 0
		});
	});

	it('invalidates one session or all of a user, and tells listeners which', () => {
		const { user, sessions } = setup();
		const a = sessions.create(user.id);
		const b = sessions.create(user.id);
		const revoked: string[][] = [];
		sessions.onRevoke((ids) => revoked.push(ids));
		sessions.invalidate(a.session.id);
		expect(sessions.validate(a.token)).toBeNull();
		expect(sessions.validate(b.token)).not.toBeNull();
		sessions.invalidateAllForUser(user.id);
		expect(sessions.validate(b.token)).toBeNull();
		expect(revoked).toEqual([[a.session.id], [b.session.id]]);
	});

	it('sweeps expired sessions', () => {
		const { user, sessions, clock } = setup();
		sessions.create(user.id);
		sessions.create(user.id);
		clock.advance(5_000);
		const fresh = sessions.create(user.id);
		clock.advance(6_000);
		expect(sessions.deleteExpired()).toBe(2);
		expect(sessions.validate(fresh.token)).not.toBeNull();
	});

	it('lists the devices with their user agent and last use, and ends one by its public id', () => {
		const { db, user, clock } = setup();
		// The default policy: the test's 10-second timeout is shorter than the minute of "last used".
		const sessions = new SessionStore(db, { now: clock.now });
		const laptop = sessions.create(user.id, 'Laptop UA');
		const phone = sessions.create(user.id);
		clock.advance(500);
		// The first request of a session made without a user agent records it.
		sessions.validate(phone.token, 'Phone UA');
		clock.advance(60_000);
		sessions.validate(phone.token, 'Other UA');
		const listed = sessions.listForUser(user.id);
		expect(listed.map((d) => d.userAgent)).toEqual(['Phone UA', 'Laptop UA']);
		expect(listed[0]).toMatchObject({
			publicId: publicSessionId(phone.session.id),
			signedInAt: 1_000_000,
			lastUsedAt: 1_060_500
		});
		expect(listed[0]!.publicId).not.toContain(phone.session.id);
		expect(sessions.invalidateByPublicId('someone-else', listed[1]!.publicId)).toBe(false);
		expect(sessions.invalidateByPublicId(user.id, listed[1]!.publicId)).toBe(true);
		expect(sessions.validate(laptop.token)).toBeNull();
		expect(sessions.validate(phone.token)).not.toBeNull();
	});
});
