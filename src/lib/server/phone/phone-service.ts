/**
 * A user's own phone number (`users.phone`), for phone sessions: the client sets it on their
 * profile, their coach reads it in the engagement list. Thin over one column; the number is
 * checked and tidied by the request schema (api/account.ts, domain/phone.ts).
 */
import type { UserWithPhone } from '../../api/account';
import type { PublicUser } from '../../domain/account';
import type { AppDatabase } from '../database/app-database';

export class PhoneService {
	#db: AppDatabase['db'];

	constructor(database: AppDatabase) {
		this.#db = database.db;
	}

	async of(user: PublicUser): Promise<UserWithPhone> {
		const row = await this.#db
			.selectFrom('users')
			.select('phone')
			.where('id', '=', user.id)
			.executeTakeFirst();
		return { ...user, phone: row?.phone ?? null };
	}

	/** A tidied number, or null to remove it. */
	async set(user: PublicUser, phone: string | null): Promise<UserWithPhone> {
		await this.#db.updateTable('users').set({ phone }).where('id', '=', user.id).execute();
		return { ...user, phone };
	}
}
