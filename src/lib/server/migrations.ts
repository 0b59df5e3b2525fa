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
	`,
	// 2: memberships. An engagement is one coach-client pair (pending until its invite is
	// accepted); invites and sync tokens store only SHA-256 of their secret.
	`
	CREATE TABLE packages (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		name TEXT NOT NULL,
		session_count INTEGER,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX packages_coach ON packages(coach_id);

	CREATE TABLE engagements (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		client_id TEXT REFERENCES users(id) ON DELETE CASCADE,
		invited_email TEXT NOT NULL,
		invited_name TEXT NOT NULL,
		client_type TEXT,
		package_id TEXT REFERENCES packages(id) ON DELETE SET NULL,
		status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'ended')),
		created_at INTEGER NOT NULL,
		activated_at INTEGER,
		ended_at INTEGER
	) STRICT;
	CREATE INDEX engagements_coach ON engagements(coach_id);
	CREATE INDEX engagements_client ON engagements(client_id);

	CREATE TABLE invites (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		email TEXT NOT NULL,
		name TEXT NOT NULL,
		message TEXT,
		token_hash BLOB NOT NULL UNIQUE,
		status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		accepted_at INTEGER,
		delivery TEXT NOT NULL CHECK (delivery IN ('pending', 'sent', 'failed', 'outbox')),
		delivery_error TEXT,
		delivery_attempts INTEGER NOT NULL DEFAULT 0,
		delivered_at INTEGER
	) STRICT;
	CREATE INDEX invites_coach_email ON invites(coach_id, email);

	CREATE TABLE sync_tokens (
		token_hash BLOB PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
		expires_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX sync_tokens_session ON sync_tokens(session_id);
	`
];
