import type { PublicUser, Role } from '../domain/account';
import type { Db } from './db';
import { generateSecureRandomString } from './ids';

interface UserRow {
	id: string;
	email: string;
	name: string;
	role: Role;
	password_hash: string;
	created_at: number;
}

export interface StoredUser extends PublicUser {
	passwordHash: string;
}

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
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	/** Returns null when the (already normalised) email is taken. */
	create(input: {
		email: string;
		name: string;
		role: Role;
		passwordHash: string;
	}): StoredUser | null {
		const id = generateSecureRandomString();
		const result = this.#db
			.prepare(
				`INSERT INTO users (id, email, name, role, password_hash, created_at)
				 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(email) DO NOTHING`
			)
			.run(id, input.email, input.name, input.role, input.passwordHash, Date.now());
		if (result.changes === 0) {
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

	byEmail(email: string): StoredUser | null {
		const row = this.#db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
			UserRow | undefined;
		return row ? toStored(row) : null;
	}

	rename(id: string, name: string): void {
		this.#db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, id);
	}

	/** False when another account has the (already normalised) email. */
	setEmail(id: string, email: string): boolean {
		const result = this.#db
			.prepare(
				'UPDATE users SET email = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM users WHERE email = ? AND id != ?)'
			)
			.run(email, id, email, id);
		return result.changes > 0;
	}

	setPasswordHash(id: string, passwordHash: string): void {
		this.#db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
	}

	byId(id: string): StoredUser | null {
		const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
		return row ? toStored(row) : null;
	}
}
