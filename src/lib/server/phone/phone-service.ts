/**
 * A user's own phone number (`users.phone`), for phone sessions: the client sets it on their
 * profile, their coach reads it in the engagement list. Thin over one column, so routes
 * construct it per request from the shared query layer instead of growing `Services`.
 */
import type { PublicUser } from '../../domain/account';
import { parsePhone } from '../../domain/phone';
import type { AppDatabase } from '../database/app-database';
import { err, ok, type Result } from '../errors';

export interface UserWithPhone extends PublicUser {
	phone: string | null;
}

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

	/** Body `{ "phone": string | null }`; null or blank removes the number. */
	async set(user: PublicUser, body: unknown): Promise<Result<UserWithPhone>> {
		if (typeof body !== 'object' || body === null || !('phone' in body)) {
			return err('invalid-input', 'Send { "phone": "<number>" } or { "phone": null }.');
		}
		const parsed = parsePhone(body.phone);
		if (!parsed.ok) {
			return err('invalid-input', parsed.problem);
		}
		await this.#db
			.updateTable('users')
			.set({ phone: parsed.value })
			.where('id', '=', user.id)
			.execute();
		return ok({ ...user, phone: parsed.value });
	}
}
