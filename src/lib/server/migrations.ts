/**
 * Numbered schema migrations: entry N brings the database to user_version N+1.
 * Never edit a shipped entry; append a new one.
 */
export const migrations: readonly string[] = [
	// 1: accounts and sessions (Lucia's session design: only a hash of the secret is stored).
	`
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		role TEXT NOT NULL CHECK (role IN ('coach', 'client')),
		password_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		secret_hash BLOB NOT NULL,
		created_at INTEGER NOT NULL,
		last_verified_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX sessions_user ON sessions(user_id);
	`
];
