import type { Selectable } from 'kysely';
import type { PublicUser, Role } from '../domain/account';
import type { AppDatabase } from './database/app-database';
import type { Db } from './db';
import type { UsersTable } from './database/database-types';
import { generateSecureRandomString } from './ids';

export interface StoredUser extends PublicUser {
	passwordHash: string;
}

type UserRow = Pick<Selectable<UsersTable>, 'id' | 'email' | 'name' | 'role' | 'password_hash'>;

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'password_hash'] as const;

function toStored(row: UserRow): StoredUser {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		role: row.role,
		passwordHash: row.password_hash
	};
}

export function toPublic(user: StoredUser | PublicUser): PublicUser {
	return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export class UserStore {
	#db: AppDatabase['db'];

	constructor(database: AppDatabase) {
		this.#db = database.db;
	}

	/** Returns null when the (already normalised) email is taken. */
	async create(
		input: { email: string; name: string; role: Role; passwordHash: string },
		db = this.#db
	): Promise<StoredUser | null> {
		const id = generateSecureRandomString();
		const result = await db
			.insertInto('users')
			.values({
				id,
				email: input.email,
				name: input.name,
				role: input.role,
				password_hash: input.passwordHash,
				created_at: Date.now()
			})
			.onConflict((oc) => oc.column('email').doNothing())
			.executeTakeFirst();
		if (!result.numInsertedOrUpdatedRows) {
			return null;
		}
		return {
			id,
			email: input.email,
			name: input.name,
			role: input.role,
			passwordHash: input.passwordHash
		};
	}

	async byEmail(email: string): Promise<StoredUser | null> {
		const row = await this.#db
			.selectFrom('users')
			.select(USER_COLUMNS)
			.where('email', '=', email)
			.executeTakeFirst();
		return row ? toStored(row) : null;
	}

	/** `db`: a transaction to rename inside. */
	async rename(id: string, name: string, db = this.#db): Promise<void> {
		await db.updateTable('users').set({ name }).where('id', '=', id).execute();
	}

	/** False when another account has the (already normalised) email; `db`: a transaction. */
	async setEmail(id: string, email: string, db = this.#db): Promise<boolean> {
		const result = await db
			.updateTable('users')
			.set({ email })
			.where('id', '=', id)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('users as other')
							.select('other.id')
							.where('other.email', '=', email)
							.where('other.id', '!=', id)
					)
				)
			)
			.executeTakeFirst();
		return result.numUpdatedRows > 0n;
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<void> {
		await this.#db
			.updateTable('users')
			.set({ password_hash: passwordHash })
			.where('id', '=', id)
			.execute();
	}

	async byId(id: string): Promise<StoredUser | null> {
		const row = await this.#db
			.selectFrom('users')
			.select(USER_COLUMNS)
			.where('id', '=', id)
			.executeTakeFirst();
		return row ? toStored(row) : null;
	}
}

/**
 * Transitional (issue 14): a synchronous `byId` over the raw SQLite handle for the services
 * that still read users inside better-sqlite3 transactions (notifications, payments; their
 * stores move to the query layer separately). Delete it once they await UserStore instead.
 */
export class SqliteUserLookup {
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	byId(id: string): StoredUser | null {
		const row = this.#db
			.prepare('SELECT id, email, name, role, password_hash FROM users WHERE id = ?')
			.get(id) as UserRow | undefined;
		return row ? toStored(row) : null;
	}
}
