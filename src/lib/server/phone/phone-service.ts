/**
 * A user's own phone number (`users.phone`), for phone sessions: the client sets it on their
 * profile, their coach reads it in the engagement list. Thin over one column; the number is
 * checked and tidied by the request schema (api/account.ts, domain/phone.ts).
 */
import type { UserWithPhone } from '../../api/account';
import type { PublicUser } from '../../domain/account';
import type { Db } from '../db';

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

	/** A tidied number, or null to remove it. */
	set(user: PublicUser, phone: string | null): UserWithPhone {
		this.#db.prepare('UPDATE users SET phone = ? WHERE id = ?').run(phone, user.id);
		return { ...user, phone };
	}
}
