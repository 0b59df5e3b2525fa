/**
 * The app's tables as Kysely sees them, one interface per table, the same on SQLite and
 * PostgreSQL (see migrations.ts and postgres-migrations.ts). Integers are numbers on both engines
 * (timestamps are epoch milliseconds, flags are 0/1); blobs are Buffers. When a migration adds or
 * changes a column, change its interface here in the same commit (a test compares them).
 */

import type { Generated } from 'kysely';

export interface UsersTable {
	id: string;
	email: string;
	name: string;
	role: 'coach' | 'client';
	password_hash: string;
	created_at: number;
	phone: string | null;
	time_zone: string | null;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	secret_hash: Buffer;
	created_at: number;
	last_verified_at: number;
	user_agent: Generated<string>;
	last_used_at: Generated<number>;
}

export interface PackagesTable {
	id: string;
	coach_id: string;
	name: string;
	created_at: number;
	sessions_total: Generated<number>;
	session_minutes: Generated<number>;
	price_cents: Generated<number>;
	currency: Generated<string>;
	no_show_consumes_session: Generated<number>;
	archived_at: number | null;
	self_booking: Generated<number>;
}

export interface EngagementsTable {
	id: string;
	coach_id: string;
	client_id: string | null;
	invited_email: string;
	invited_name: string;
	client_type: string | null;
	package_id: string | null;
	status: string;
	created_at: number;
	activated_at: number | null;
	ended_at: number | null;
}

export interface InvitesTable {
	id: string;
	coach_id: string;
	engagement_id: string;
	email: string;
	name: string;
	message: string | null;
	token_hash: Buffer;
	status: string;
	created_at: number;
	expires_at: number;
	accepted_at: number | null;
	delivery: string;
	delivery_error: string | null;
	delivery_attempts: Generated<number>;
	delivered_at: number | null;
}

export interface SyncTokensTable {
	token_hash: Buffer;
	user_id: string;
	session_id: string;
	expires_at: number;
}

export interface CoachProfilesTable {
	coach_id: string;
	bio: string;
	photo: string | null;
	links: string;
	greeting: string;
	updated_at: number;
}

export interface IdempotencyKeysTable {
	user_id: string;
	key: string;
	method: string;
	path: string;
	status: number;
	body: Buffer;
	content_type: string | null;
	created_at: number;
}

export interface NotificationsEventsTable {
	engagement_id: string;
	event_id: string;
	kind: string;
	actor_id: string;
	created_at: number;
}

export interface NotificationsTable {
	id: string;
	user_id: string;
	engagement_id: string;
	event_id: string;
	kind: string;
	text: string;
	created_at: number;
	read_at: number | null;
	email: string;
	digest_ref: string | null;
}

export interface UserSettingsTable {
	user_id: string;
	email_notifications: Generated<number>;
}

export interface CoachAvailabilityTable {
	coach_id: string;
	time_zone: string;
	weekly: string;
	overrides: string;
	buffer_minutes: number;
	min_notice_minutes: number;
	max_days_ahead: number;
	cancel_notice_hours: number;
	updated_at: number;
}

export interface BookingsTable {
	id: string;
	engagement_id: string;
	coach_id: string;
	client_id: string;
	booked_by: string;
	starts_at: number;
	ends_at: number;
	time_zone: string;
	kind: string;
	status: string;
	sequence: Generated<number>;
	cancel_reason: string | null;
	created_at: number;
	updated_at: number;
}

export interface BookingRemindersTable {
	booking_id: string;
	lead: string;
	due_at: number;
	claimed_at: number | null;
	sent_at: number | null;
	outcome: string | null;
}

export interface CalendarFeedsTable {
	user_id: string;
	token_hash: Buffer;
	created_at: number;
	token_sealed: Buffer | null;
}

export interface ImportEngagementsTable {
	coach_id: string;
	source_engagement_id: string;
	engagement_id: string;
	created_at: number;
	source_coach_id: string | null;
	source_client_id: string | null;
}

export interface MailQueueTable {
	id: string;
	user_id: string | null;
	ref: string | null;
	message: string;
	status: 'pending' | 'sent' | 'outbox' | 'failed';
	attempts: Generated<number>;
	next_attempt_at: number;
	claimed_at: number | null;
	last_error: string | null;
	created_at: number;
	settled_at: number | null;
	engagement_id: string | null;
	expires_at: number | null;
}

export interface ImportAliasesTable {
	coach_id: string;
	source_engagement_id: string;
	side: string;
	former_id: string;
}

export interface SyncClientOwnersTable {
	doc: string;
	client_id: number;
	user_id: string;
}

export interface PendingSignupsTable {
	token_hash: Buffer;
	email: string;
	name: string;
	password_hash: string;
	created_at: number;
	expires_at: number;
}

export interface StripeEventsTable {
	id: string;
	type: string;
	received_at: number;
}

export interface InvoiceCountersTable {
	coach_id: string;
	kind: string;
	last_number: number;
}

export interface InvoicesTable {
	id: string;
	coach_id: string;
	engagement_id: string;
	number: number;
	status: string;
	description: string;
	sessions: number;
	total_cents: number;
	currency: string;
	issued_at: number;
	due_at: number;
	paid_at: number | null;
	reminded_at: number | null;
}

export interface CheckoutsTable {
	id: string;
	coach_id: string;
	engagement_id: string;
	package_id: string | null;
	invite_id: string | null;
	stripe_session_id: string | null;
	url: string | null;
	origin: string;
	description: string;
	sessions: number;
	amount_cents: number;
	currency: string;
	status: string;
	invoice_id: string | null;
	purchase_written_at: number | null;
	invite_sent_at: number | null;
	created_at: number;
	paid_at: number | null;
}

export interface PaymentsTable {
	id: string;
	invoice_id: string;
	provider: string;
	provider_ref: string | null;
	amount_cents: number;
	currency: string;
	created_at: number;
}

export interface CreditNotesTable {
	id: string;
	coach_id: string;
	invoice_id: string;
	number: number;
	amount_cents: number;
	currency: string;
	sessions_removed: number;
	provider_ref: string | null;
	issued_at: number;
	purchase_written_at: number | null;
}

export interface EmailChangesTable {
	token_hash: Buffer;
	user_id: string;
	new_email: string;
	created_at: number;
	expires_at: number;
}

export interface EmailSendsTable {
	user_id: string;
	sent_at: number;
}

export interface KnownDevicesTable {
	user_id: string;
	device_hash: Buffer;
	first_seen_at: number;
}

export interface PasswordResetsTable {
	token_hash: Buffer;
	user_id: string;
	created_at: number;
	expires_at: number;
}

export interface Database {
	users: UsersTable;
	sessions: SessionsTable;
	packages: PackagesTable;
	engagements: EngagementsTable;
	invites: InvitesTable;
	sync_tokens: SyncTokensTable;
	coach_profiles: CoachProfilesTable;
	idempotency_keys: IdempotencyKeysTable;
	notifications_events: NotificationsEventsTable;
	notifications: NotificationsTable;
	user_settings: UserSettingsTable;
	coach_availability: CoachAvailabilityTable;
	bookings: BookingsTable;
	booking_reminders: BookingRemindersTable;
	calendar_feeds: CalendarFeedsTable;
	import_engagements: ImportEngagementsTable;
	mail_queue: MailQueueTable;
	import_aliases: ImportAliasesTable;
	sync_client_owners: SyncClientOwnersTable;
	pending_signups: PendingSignupsTable;
	stripe_events: StripeEventsTable;
	invoice_counters: InvoiceCountersTable;
	invoices: InvoicesTable;
	checkouts: CheckoutsTable;
	payments: PaymentsTable;
	credit_notes: CreditNotesTable;
	email_changes: EmailChangesTable;
	known_devices: KnownDevicesTable;
	email_sends: EmailSendsTable;
	password_resets: PasswordResetsTable;
}
