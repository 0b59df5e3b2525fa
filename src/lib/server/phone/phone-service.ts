/**
 * A user's own phone number (`users.phone`), for phone sessions: the client sets it on their
 * profile, their coach reads it in the engagement list. Thin over one column, so routes
 * construct it per request from the shared database handle instead of growing `Services`.
 */
import type { PublicUser } from '../../domain/account';
import { parsePhone } from '../../domain/phone';
import type { Db } from '../db';
import { err, ok, type Result } from '../errors';

export interface UserWithPhone extends PublicUser {
	phone: string | null;
}

export class PhoneService {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	of(user: PublicUser): UserWithPhone {
		const row = this.#db.prepare('SELECT phone FROM users WHERE id = ?').get(user.id) as
			{ phone: string | null } | undefined;
		return { ...user, phone: row?.phone ?? null };
	}

	/** Body `{ "phone": string | null }`; null or blank removes the number. */
	set(user: PublicUser, body: unknown): Result<UserWithPhone> {
		if (typeof body !== 'object' || body === null || !('phone' in body)) {
			return err('invalid-input', 'Send { "phone": "<number>" } or { "phone": null }.');
		}
		const parsed = parsePhone(body.phone);
		if (!parsed.ok) {
			return err('invalid-input', parsed.problem);
		}
		this.#db.prepare('UPDATE users SET phone = ? WHERE id = ?').run(parsed.value, user.id);
		return ok({ ...user, phone: parsed.value });
	}
}
