/**
 * The PostgreSQL schema, kept in step with the SQLite migrations (migrations.ts). PostgreSQL starts
 * at a baseline equal to SQLite's version 19; every later SQLite migration gets a twin here with
 * the same version number (a test checks both engines end with the same tables and columns).
 * Types follow the SQLite ones: BIGINT for every integer (epoch milliseconds overflow INTEGER),
 * BYTEA for blobs, TEXT for text; 0/1 flags stay integers so row mapping is the same on both.
 */

export interface PostgresMigration {
	/** The SQLite migration this one matches (its 1-based position in migrations.ts). */
	readonly version: number;
	readonly sql: string;
}

const baseline = `
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		role TEXT NOT NULL CHECK (role IN ('coach', 'client')),
		password_hash TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		phone TEXT,
		time_zone TEXT
	);
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		secret_hash BYTEA NOT NULL,
		created_at BIGINT NOT NULL,
		last_verified_at BIGINT NOT NULL,
		user_agent TEXT NOT NULL DEFAULT '',
		last_used_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX sessions_user ON sessions(user_id);
	CREATE TABLE packages (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		name TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		sessions_total BIGINT NOT NULL DEFAULT 0,
		session_minutes BIGINT NOT NULL DEFAULT 60,
		price_cents BIGINT NOT NULL DEFAULT 0,
		currency TEXT NOT NULL DEFAULT 'EUR',
		no_show_consumes_session BIGINT NOT NULL DEFAULT 0,
		archived_at BIGINT,
		self_booking BIGINT NOT NULL DEFAULT 0
	);
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
		created_at BIGINT NOT NULL,
		activated_at BIGINT,
		ended_at BIGINT
	);
	CREATE INDEX engagements_coach ON engagements(coach_id);
	CREATE INDEX engagements_client ON engagements(client_id);
	CREATE TABLE invites (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		email TEXT NOT NULL,
		name TEXT NOT NULL,
		message TEXT,
		token_hash BYTEA NOT NULL UNIQUE,
		status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		accepted_at BIGINT,
		delivery TEXT NOT NULL CHECK (delivery IN ('pending', 'sent', 'failed', 'outbox')),
		delivery_error TEXT,
		delivery_attempts BIGINT NOT NULL DEFAULT 0,
		delivered_at BIGINT
	);
	CREATE INDEX invites_coach_email ON invites(coach_id, email);
	CREATE TABLE sync_tokens (
		token_hash BYTEA PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
		expires_at BIGINT NOT NULL
	);
	CREATE INDEX sync_tokens_session ON sync_tokens(session_id);
	CREATE TABLE coach_profiles (
		coach_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		bio TEXT NOT NULL,
		photo TEXT,
		links TEXT NOT NULL,
		greeting TEXT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE TABLE idempotency_keys (
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		key TEXT NOT NULL,
		method TEXT NOT NULL,
		path TEXT NOT NULL,
		status BIGINT NOT NULL,
		body BYTEA NOT NULL,
		content_type TEXT,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (user_id, key)
	);
	CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
	CREATE TABLE notifications_events (
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		event_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		actor_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		created_at BIGINT NOT NULL,
		UNIQUE (engagement_id, event_id)
	);
	CREATE TABLE notifications (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		event_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		text TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		read_at BIGINT,
		email TEXT NOT NULL CHECK (email IN ('pending', 'sent', 'outbox', 'failed', 'off')),
		digest_ref TEXT
	);
	CREATE INDEX notifications_user ON notifications(user_id, created_at);
	CREATE TABLE user_settings (
		user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		email_notifications BIGINT NOT NULL DEFAULT 1
	);
	CREATE TABLE coach_availability (
		coach_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		time_zone TEXT NOT NULL,
		weekly TEXT NOT NULL,
		overrides TEXT NOT NULL,
		buffer_minutes BIGINT NOT NULL,
		min_notice_minutes BIGINT NOT NULL,
		max_days_ahead BIGINT NOT NULL,
		cancel_notice_hours BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE TABLE bookings (
		id TEXT PRIMARY KEY,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		client_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		booked_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		starts_at BIGINT NOT NULL,
		ends_at BIGINT NOT NULL,
		time_zone TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'phone')),
		status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
		sequence BIGINT NOT NULL DEFAULT 0,
		cancel_reason TEXT,
		created_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
	CREATE UNIQUE INDEX bookings_coach_start ON bookings(coach_id, starts_at)
		WHERE status = 'confirmed';
	CREATE INDEX bookings_client ON bookings(client_id, starts_at);
	CREATE INDEX bookings_engagement ON bookings(engagement_id, starts_at);
	CREATE TABLE booking_reminders (
		booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
		lead TEXT NOT NULL CHECK (lead IN ('24h', '1h')),
		due_at BIGINT NOT NULL,
		claimed_at BIGINT,
		sent_at BIGINT,
		outcome TEXT CHECK (outcome IN ('sent', 'skipped', 'failed')),
		PRIMARY KEY (booking_id, lead)
	);
	CREATE INDEX booking_reminders_due ON booking_reminders(due_at) WHERE sent_at IS NULL;
	CREATE TABLE calendar_feeds (
		user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		token_hash BYTEA NOT NULL UNIQUE,
		created_at BIGINT NOT NULL,
		token_sealed BYTEA
	);
	CREATE TABLE import_engagements (
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		source_engagement_id TEXT NOT NULL,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		created_at BIGINT NOT NULL,
		source_coach_id TEXT,
		source_client_id TEXT,
		PRIMARY KEY (coach_id, source_engagement_id)
	);
	CREATE INDEX import_engagements_engagement ON import_engagements(engagement_id);
	CREATE TABLE mail_queue (
		id TEXT PRIMARY KEY,
		user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
		ref TEXT UNIQUE,
		message TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'outbox', 'failed')),
		attempts BIGINT NOT NULL DEFAULT 0,
		next_attempt_at BIGINT NOT NULL,
		claimed_at BIGINT,
		last_error TEXT,
		created_at BIGINT NOT NULL,
		settled_at BIGINT,
		engagement_id TEXT REFERENCES engagements(id) ON DELETE CASCADE,
		expires_at BIGINT
	);
	CREATE INDEX mail_queue_due ON mail_queue(next_attempt_at) WHERE status = 'pending';
	CREATE INDEX mail_queue_user ON mail_queue(user_id);
	CREATE INDEX mail_queue_engagement ON mail_queue(engagement_id);
	CREATE TABLE import_aliases (
		coach_id TEXT NOT NULL,
		source_engagement_id TEXT NOT NULL,
		side TEXT NOT NULL CHECK (side IN ('coach', 'client')),
		former_id TEXT NOT NULL,
		PRIMARY KEY (coach_id, source_engagement_id, side, former_id),
		FOREIGN KEY (coach_id, source_engagement_id)
			REFERENCES import_engagements(coach_id, source_engagement_id) ON DELETE CASCADE
	);
	CREATE TABLE sync_client_owners (
		doc TEXT NOT NULL,
		client_id BIGINT NOT NULL,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		PRIMARY KEY (doc, client_id)
	);
	CREATE INDEX sync_client_owners_user ON sync_client_owners(user_id);
	CREATE TABLE pending_signups (
		token_hash BYTEA PRIMARY KEY,
		email TEXT NOT NULL,
		name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL
	);
	CREATE INDEX pending_signups_expiry ON pending_signups(expires_at);
	CREATE INDEX notifications_digest ON notifications(digest_ref) WHERE digest_ref IS NOT NULL;
	CREATE TABLE stripe_events (
		id TEXT PRIMARY KEY,
		type TEXT NOT NULL,
		received_at BIGINT NOT NULL
	);
	CREATE TABLE invoice_counters (
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
		last_number BIGINT NOT NULL,
		PRIMARY KEY (coach_id, kind)
	);
	CREATE TABLE invoices (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		number BIGINT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'refunded')),
		description TEXT NOT NULL,
		sessions BIGINT NOT NULL,
		total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
		currency TEXT NOT NULL,
		issued_at BIGINT NOT NULL,
		due_at BIGINT NOT NULL,
		paid_at BIGINT,
		reminded_at BIGINT,
		UNIQUE (coach_id, number)
	);
	CREATE INDEX invoices_engagement ON invoices(engagement_id);
	CREATE INDEX invoices_open_due ON invoices(due_at) WHERE status = 'open';
	CREATE TABLE checkouts (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		package_id TEXT REFERENCES packages(id),
		invite_id TEXT REFERENCES invites(id) ON DELETE SET NULL,
		stripe_session_id TEXT UNIQUE,
		url TEXT,
		origin TEXT NOT NULL,
		description TEXT NOT NULL,
		sessions BIGINT NOT NULL,
		amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'expired')),
		invoice_id TEXT REFERENCES invoices(id) ON DELETE SET NULL,
		purchase_written_at BIGINT,
		invite_sent_at BIGINT,
		created_at BIGINT NOT NULL,
		paid_at BIGINT
	);
	CREATE INDEX checkouts_engagement ON checkouts(engagement_id);
	CREATE TABLE payments (
		id TEXT PRIMARY KEY,
		invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
		provider TEXT NOT NULL CHECK (provider IN ('stripe', 'manual')),
		provider_ref TEXT UNIQUE,
		amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX payments_invoice ON payments(invoice_id);
	CREATE TABLE credit_notes (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
		number BIGINT NOT NULL,
		amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		sessions_removed BIGINT NOT NULL CHECK (sessions_removed >= 0),
		provider_ref TEXT UNIQUE,
		issued_at BIGINT NOT NULL,
		purchase_written_at BIGINT,
		UNIQUE (coach_id, number)
	);
	CREATE INDEX credit_notes_invoice ON credit_notes(invoice_id);
	CREATE TABLE email_changes (
		token_hash BYTEA PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		new_email TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL
	);
	CREATE INDEX email_changes_user ON email_changes(user_id);
	CREATE TABLE known_devices (
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		device_hash BYTEA NOT NULL,
		first_seen_at BIGINT NOT NULL,
		PRIMARY KEY (user_id, device_hash)
	);
	CREATE TABLE password_resets (
		token_hash BYTEA PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL
	);
	CREATE INDEX password_resets_user ON password_resets(user_id);
	CREATE INDEX password_resets_expiry ON password_resets(expires_at);
`;

export const postgresMigrations: readonly PostgresMigration[] = [
	{ version: 19, sql: baseline },
	{
		version: 20,
		sql: `
			CREATE TABLE email_sends (
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				sent_at BIGINT NOT NULL
			);
			CREATE INDEX email_sends_user ON email_sends(user_id, sent_at);
		`
	}
];
