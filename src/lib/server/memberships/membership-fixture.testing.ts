import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inviteInputSchema, type InviteInput } from '../../api/invites';
import { parseWith } from '../../api/parse';
import type { PublicUser, Role } from '../../domain/account';
import { AuthService } from '../auth/auth-service';
import { hashPassword } from '../auth/password';
import { SessionStore } from '../auth/session-store';
import { sqliteAppDatabase } from '../database/app-database';
import { openDatabase } from '../db';
import { MemoryDocWriter } from '../doc-writer.testing';
import { MemoryMailer } from '../mail/mailer.testing';
import { SqliteUserLookup, toPublic, UserStore } from '../users';
import { createMembershipServices } from './create-memberships';
import { EngagementStore } from './engagement-store';
import { InviteStore } from './invite-store';

export const ORIGIN = 'https://tandem.test';
export const PASSWORD = 'correct horse battery';

/**
 * A real SQLite database in a temp dir with every membership service wired to a settable clock
 * and an in-memory mailer. Call cleanup() in afterEach.
 */
export function membershipFixture() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-memberships-'));
	const db = openDatabase(dir);
	// Kysely over the same handle (closed with it), for the stores on the query layer (issue 14).
	const database = sqliteAppDatabase(db);
	let time = Date.UTC(2026, 0, 5, 9);
	const clock = {
		now: () => time,
		advance: (ms: number) => void (time += ms)
	};
	const users = new UserStore(database);
	const sessions = new SessionStore(database, { now: clock.now });
	const auth = new AuthService({ users, sessions });
	const mailer = new MemoryMailer();
	const config = { smtpUrl: undefined, dataDir: dir, mailFrom: 'Tandem <t@tandem.test>' };
	const services = createMembershipServices({
		db,
		database,
		users,
		auth,
		config,
		mailer,
		now: clock.now
	});
	const docs = new MemoryDocWriter();
	services.docWriter.bind(docs);

	async function account(role: Role, name: string, email: string): Promise<PublicUser> {
		const passwordHash = await hashPassword(PASSWORD);
		const user = await users.create({ email, name, role, passwordHash });
		if (!user) {
			throw new Error(`${email} exists`);
		}
		return toPublic(user);
	}

	/** Invites (through the real input parser) and returns the emailed token. */
	async function invite(coach: PublicUser, body: Partial<InviteInput> & { email: string }) {
		const input = parseWith(inviteInputSchema, { name: 'Cli Ent', ...body });
		if (!input.ok) {
			throw new Error(input.message);
		}
		const created = await services.invites.create(coach, input.value, ORIGIN);
		if (!created.ok) {
			throw new Error(created.error.message);
		}
		return { invite: created.value, token: mailer.lastToken() };
	}

	return {
		db,
		database,
		dir,
		clock,
		users,
		/** For the services that still read users synchronously (see SqliteUserLookup). */
		userLookup: new SqliteUserLookup(db),
		sessions,
		auth,
		...services,
		mailer,
		/** The documents services wrote into (what the sync server would hold). */
		docs,
		account,
		invite,
		/** Raw stores over the same database and clock, for store-level tests. */
		inviteStore: () => new InviteStore(db, clock.now),
		engagementsStore: () => new EngagementStore(db, clock.now),
		cleanup() {
			db.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
