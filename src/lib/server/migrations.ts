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
	`,
	// 3: the package catalogue gets its terms (session_count becomes sessions_total), archived
	// packages stay for the engagements that name them; coaches' public profiles; stored answers
	// to requests sent with an Idempotency-Key (kept 24 h).
	`
	ALTER TABLE packages ADD COLUMN sessions_total INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE packages ADD COLUMN session_minutes INTEGER NOT NULL DEFAULT 60;
	ALTER TABLE packages ADD COLUMN price_cents INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE packages ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
	ALTER TABLE packages ADD COLUMN no_show_consumes_session INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE packages ADD COLUMN archived_at INTEGER;
	UPDATE packages SET sessions_total = COALESCE(session_count, 0);
	ALTER TABLE packages DROP COLUMN session_count;

	CREATE TABLE coach_profiles (
		coach_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		bio TEXT NOT NULL,
		photo TEXT,
		links TEXT NOT NULL,
		greeting TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE idempotency_keys (
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		key TEXT NOT NULL,
		method TEXT NOT NULL,
		path TEXT NOT NULL,
		status INTEGER NOT NULL,
		body BLOB NOT NULL,
		content_type TEXT,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (user_id, key)
	) STRICT;
	CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
	`,
	// 4: notifications. One row per event ever reported, UNIQUE per engagement, so a second
	// report of the same event (another tab, device or a retry) inserts nothing; the in-app
	// notifications of each user; per-user settings (email notifications on by default).
	`
	CREATE TABLE notifications_events (
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		event_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		actor_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		created_at INTEGER NOT NULL,
		UNIQUE (engagement_id, event_id)
	) STRICT;

	CREATE TABLE notifications (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		event_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		text TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		read_at INTEGER,
		email TEXT NOT NULL CHECK (email IN ('pending', 'sent', 'outbox', 'failed', 'off'))
	) STRICT;
	CREATE INDEX notifications_user ON notifications(user_id, created_at);

	CREATE TABLE user_settings (
		user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		email_notifications INTEGER NOT NULL DEFAULT 1
	) STRICT;
	`,
	// 5: the client's own phone number, for phone sessions (set on their profile, shown to their
	// coach). A column of users, so deleting the account deletes it.
	`
	ALTER TABLE users ADD COLUMN phone TEXT;
	`,
	// 6: scheduling. Coach availability (weekly hours and overrides as JSON, always edited whole);
	// bookings in UTC ms with the zone they were chosen in, one confirmed booking per coach and
	// start (the partial UNIQUE index is the last line of defence of the booking race);
	// reminders per booking and lead, claimed before sending; calendar feed tokens (hash only).
	// Packages may let clients book themselves.
	`
	ALTER TABLE packages ADD COLUMN self_booking INTEGER NOT NULL DEFAULT 0;

	CREATE TABLE coach_availability (
		coach_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		time_zone TEXT NOT NULL,
		weekly TEXT NOT NULL,
		overrides TEXT NOT NULL,
		buffer_minutes INTEGER NOT NULL,
		min_notice_minutes INTEGER NOT NULL,
		max_days_ahead INTEGER NOT NULL,
		cancel_notice_hours INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE bookings (
		id TEXT PRIMARY KEY,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		client_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		booked_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		starts_at INTEGER NOT NULL,
		ends_at INTEGER NOT NULL,
		time_zone TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'phone')),
		status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
		sequence INTEGER NOT NULL DEFAULT 0,
		cancel_reason TEXT,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	CREATE UNIQUE INDEX bookings_coach_start ON bookings(coach_id, starts_at)
		WHERE status = 'confirmed';
	CREATE INDEX bookings_client ON bookings(client_id, starts_at);
	CREATE INDEX bookings_engagement ON bookings(engagement_id, starts_at);

	CREATE TABLE booking_reminders (
		booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
		lead TEXT NOT NULL CHECK (lead IN ('24h', '1h')),
		due_at INTEGER NOT NULL,
		claimed_at INTEGER,
		sent_at INTEGER,
		outcome TEXT CHECK (outcome IN ('sent', 'skipped', 'failed')),
		PRIMARY KEY (booking_id, lead)
	) STRICT;
	CREATE INDEX booking_reminders_due ON booking_reminders(due_at) WHERE sent_at IS NULL;

	CREATE TABLE calendar_feeds (
		user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
		token_hash BLOB NOT NULL UNIQUE,
		created_at INTEGER NOT NULL
	) STRICT;
	`,
	// 7: imports. Which engagement each imported one became, per coach: the UNIQUE key makes a
	// second import of the same export create nothing.
	`
	CREATE TABLE import_engagements (
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		source_engagement_id TEXT NOT NULL,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (coach_id, source_engagement_id)
	) STRICT;
	CREATE INDEX import_engagements_engagement ON import_engagements(engagement_id);
	`,
	// 8: calendar feed links can be shown again: the token also kept sealed (AES-GCM, key file in
	// the data directory), while lookups still go by its hash.
	`
	ALTER TABLE calendar_feeds ADD COLUMN token_sealed BLOB;
	`,
	// 9: identity aliases after an import. The exporting server's coach and client ids of each
	// imported engagement: its documents name them as authors, and browsers treat them as the
	// new accounts (docs/own-your-data.md). They are ids of another server, not references.
	`
	ALTER TABLE import_engagements ADD COLUMN source_coach_id TEXT;
	ALTER TABLE import_engagements ADD COLUMN source_client_id TEXT;
	`,
	// 10: durable email. One row per email to send, written in the transaction that caused it
	// (a notification) and claimed before it is sent, so a crash or a mail server that is down
	// delays the email instead of losing it. `ref` (e.g. notification:<id>) makes queueing
	// idempotent; the recipient's rows go with their account.
	`
	CREATE TABLE mail_queue (
		id TEXT PRIMARY KEY,
		user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
		ref TEXT UNIQUE,
		message TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'outbox', 'failed')),
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER NOT NULL,
		claimed_at INTEGER,
		last_error TEXT,
		created_at INTEGER NOT NULL,
		settled_at INTEGER
	) STRICT;
	CREATE INDEX mail_queue_due ON mail_queue(next_attempt_at) WHERE status = 'pending';
	CREATE INDEX mail_queue_user ON mail_queue(user_id);
	`,
	// 11: a queued email also goes with the engagement it is about: a notification email to the
	// coach names the client, and deleting the client's account deletes their engagements.
	`
	ALTER TABLE mail_queue ADD COLUMN engagement_id TEXT REFERENCES engagements(id) ON DELETE CASCADE;
	CREATE INDEX mail_queue_engagement ON mail_queue(engagement_id);
	`,
	// 12: queued email can expire (a session reminder must not go out once the session began).
	// The status CHECK of 10 cannot be altered in place: an expired row settles as 'failed' with
	// last_error 'expired' (docs/data-model.md).
	`
	ALTER TABLE mail_queue ADD COLUMN expires_at INTEGER;
	`,
	// 13: the zone a user's browser reports (IANA, or null until it has): emails to a client show
	// times in it even when the coach booked (docs/scheduling.md).
	`
	ALTER TABLE users ADD COLUMN time_zone TEXT;
	`,
	// 14: identity alias chains. An imported export may itself hold history imported from an
	// earlier server (manifest version 2's formerIds); those ids are aliases too, kept per
	// mapping row of 7 and deleted with it.
	`
	CREATE TABLE import_aliases (
		coach_id TEXT NOT NULL,
		source_engagement_id TEXT NOT NULL,
		side TEXT NOT NULL CHECK (side IN ('coach', 'client')),
		former_id TEXT NOT NULL,
		PRIMARY KEY (coach_id, source_engagement_id, side, former_id),
		FOREIGN KEY (coach_id, source_engagement_id)
			REFERENCES import_engagements(coach_id, source_engagement_id) ON DELETE CASCADE
	) STRICT;
	`,
	// 15: which user first wrote with a Yjs client id on a document, so the sync server can tell
	// who wrote what and refuse writes under another person's id (issue 15, docs/data-model.md).
	`
	CREATE TABLE sync_client_owners (
		doc TEXT NOT NULL,
		client_id INTEGER NOT NULL,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		PRIMARY KEY (doc, client_id)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX sync_client_owners_user ON sync_client_owners(user_id);
	`,
	// 16: sign-ups waiting for their email to be confirmed (the account exists only once the link
	// is used, so signing up answers the same whether or not the address has an account). Only
	// SHA-256 of the link's token is kept, as for invites.
	`
	CREATE TABLE pending_signups (
		token_hash BLOB PRIMARY KEY,
		email TEXT NOT NULL,
		name TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX pending_signups_expiry ON pending_signups(expires_at);
	`,
	// 17: chat message emails are batched: a message notification names the digest email
	// (mail_queue ref) that covers it; null for every other kind.
	`
	ALTER TABLE notifications ADD COLUMN digest_ref TEXT;
	CREATE INDEX notifications_digest ON notifications(digest_ref) WHERE digest_ref IS NOT NULL;
	`,
	// 18: getting paid (docs/data-model.md "Payments"). A checkout is written when a payment link
	// is made and settled by Stripe's webhook, so a restart in between loses nothing; processed
	// webhook event ids make delivery idempotent; invoice numbers come from a per-coach counter
	// bumped in the transaction that writes the invoice, so they have no gaps and no duplicates.
	`
	CREATE TABLE stripe_events (
		id TEXT PRIMARY KEY,
		type TEXT NOT NULL,
		received_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE invoice_counters (
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
		last_number INTEGER NOT NULL,
		PRIMARY KEY (coach_id, kind)
	) STRICT;

	CREATE TABLE invoices (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		engagement_id TEXT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
		number INTEGER NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'refunded')),
		description TEXT NOT NULL,
		sessions INTEGER NOT NULL,
		total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
		currency TEXT NOT NULL,
		issued_at INTEGER NOT NULL,
		due_at INTEGER NOT NULL,
		paid_at INTEGER,
		reminded_at INTEGER,
		UNIQUE (coach_id, number)
	) STRICT;
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
		sessions INTEGER NOT NULL,
		amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'expired')),
		invoice_id TEXT REFERENCES invoices(id) ON DELETE SET NULL,
		purchase_written_at INTEGER,
		invite_sent_at INTEGER,
		created_at INTEGER NOT NULL,
		paid_at INTEGER
	) STRICT;
	CREATE INDEX checkouts_engagement ON checkouts(engagement_id);

	CREATE TABLE payments (
		id TEXT PRIMARY KEY,
		invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
		provider TEXT NOT NULL CHECK (provider IN ('stripe', 'manual')),
		provider_ref TEXT UNIQUE,
		amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX payments_invoice ON payments(invoice_id);

	CREATE TABLE credit_notes (
		id TEXT PRIMARY KEY,
		coach_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
		number INTEGER NOT NULL,
		amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
		currency TEXT NOT NULL,
		sessions_removed INTEGER NOT NULL CHECK (sessions_removed >= 0),
		provider_ref TEXT UNIQUE,
		issued_at INTEGER NOT NULL,
		purchase_written_at INTEGER,
		UNIQUE (coach_id, number)
	) STRICT;
	CREATE INDEX credit_notes_invoice ON credit_notes(invoice_id);
	`,
	// 19: accounts a person can recover: single-use password reset and email change links (only
	// SHA-256 of the token kept), what the devices list shows of each session (user agent, last use), and the
	// browsers each account has signed in from (a new one gets its owner an email).
	`
	CREATE TABLE email_changes (
		token_hash BLOB PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		new_email TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX email_changes_user ON email_changes(user_id);
	CREATE TABLE known_devices (
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		device_hash BLOB NOT NULL,
		first_seen_at INTEGER NOT NULL,
		PRIMARY KEY (user_id, device_hash)
	) STRICT;
	ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
	ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE password_resets (
		token_hash BLOB PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX password_resets_user ON password_resets(user_id);
	CREATE INDEX password_resets_expiry ON password_resets(expires_at);
	`,
	// 20: the emails each account caused in the last hour (EmailAllowance), in the database so
	// that several server instances share one allowance. Rows older than an hour are pruned.
	`
	CREATE TABLE email_sends (
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		sent_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX email_sends_user ON email_sends(user_id, sent_at);
	`
];
