import Database from 'better-sqlite3';
import path from 'node:path';
import type { ReceivedMail } from '../../src/lib/server/mail/smtp-sink.testing';
import { signedUpCoach } from '../helpers/sign-up';
import type { RunningServer } from '../helpers/spawn-server';

/** Shared by the memberships integration tests. */
export type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export const password = 'correct-horse-9';
let counter = 0;
export const uniqueEmail = (who: string) => `${who}${++counter}-${Date.now()}@example.com`;

export async function body(response: Response): Promise<Json> {
	return (await response.json()) as Json;
}

/** Pass the SMTP sink's `received` when the server mails; without SMTP the link is printed. */
export async function signupCoach(
	server: RunningServer,
	name = 'Coach Cora',
	received?: ReceivedMail[]
) {
	const email = uniqueEmail('coach');
	const { client, user } = await signedUpCoach(server, { name, email, password }, received);
	return { client, email, user: user as Json };
}

/** Reads the server's database directly, to check what is (not) stored. */
export function readDb<T>(server: RunningServer, fn: (db: Database.Database) => T): T {
	const db = new Database(path.join(server.dataDir, 'tandem.sqlite'), { readonly: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
