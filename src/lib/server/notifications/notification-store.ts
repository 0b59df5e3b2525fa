import {
	notificationTarget,
	type NotificationKind,
	type NotificationTarget
} from '../../domain/notification-kinds';
import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';

/** How a notification's email went: 'off' when the recipient turned emails off. */
export type EmailStatus = 'pending' | 'sent' | 'outbox' | 'failed' | 'off';

export interface StoredNotification {
	id: string;
	userId: string;
	engagementId: string;
	kind: NotificationKind;
	text: string;
	createdAt: number;
	readAt: number | null;
	/** What a tap opens (the goal, note, comment or conversation), read from the event id. */
	target: NotificationTarget | null;
}

interface NotificationRow {
	id: string;
	user_id: string;
	engagement_id: string;
	event_id: string;
	kind: NotificationKind;
	text: string;
	created_at: number;
	read_at: number | null;
}

const toNotification = (row: NotificationRow): StoredNotification => ({
	id: row.id,
	userId: row.user_id,
	engagementId: row.engagement_id,
	kind: row.kind,
	text: row.text,
	createdAt: row.created_at,
	readAt: row.read_at,
	target: notificationTarget(row.kind, row.event_id)
});

export interface NewEvent {
	engagementId: string;
	eventId: string;
	kind: NotificationKind;
	actorId: string;
	recipientId: string;
	text: string;
	emailStatus: EmailStatus;
}

/** The event log (one row per event, ever), the in-app notifications and per-user settings. */
export class NotificationStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number = Date.now) {
		this.#db = db;
		this.#now = now;
	}

	/**
	 * Records an event and its notification in one transaction. Returns the notification, or
	 * null when the event was recorded before: UNIQUE(engagement_id, event_id) makes the second
	 * insert a no-op whichever tab, device or retry sends it, even concurrently. `alongside` runs
	 * inside the transaction, only when the notification was recorded.
	 */
	record(
		event: NewEvent,
		alongside?: (notification: StoredNotification) => void
	): StoredNotification | null {
		return this.#db.transaction(() => {
			const now = this.#now();
			const inserted = this.#db
				.prepare(
					`INSERT INTO notifications_events (engagement_id, event_id, kind, actor_id, created_at)
					 VALUES (?, ?, ?, ?, ?) ON CONFLICT (engagement_id, event_id) DO NOTHING`
				)
				.run(event.engagementId, event.eventId, event.kind, event.actorId, now);
			if (inserted.changes === 0) {
				return null;
			}
			const row: NotificationRow = {
				id: generateSecureRandomString(),
				user_id: event.recipientId,
				engagement_id: event.engagementId,
				event_id: event.eventId,
				kind: event.kind,
				text: event.text,
				created_at: now,
				read_at: null
			};
			this.#db
				.prepare(
					`INSERT INTO notifications
					 (id, user_id, engagement_id, event_id, kind, text, created_at, read_at, email)
					 VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`
				)
				.run(
					row.id,
					row.user_id,
					row.engagement_id,
					row.event_id,
					row.kind,
					row.text,
					row.created_at,
					event.emailStatus
				);
			const notification = toNotification(row);
			// Same transaction: what goes with the notification (its queued email) exists iff it does.
			alongside?.(notification);
			return notification;
		})();
	}

	/** Names the digest email that will tell of this (message) notification. */
	setDigest(notificationId: string, ref: string): void {
		this.#db
			.prepare('UPDATE notifications SET digest_ref = ? WHERE id = ?')
			.run(ref, notificationId);
	}

	/**
	 * A digest's notifications still waiting for its email: those read in the meantime are
	 * marked 'off' (no email for what was seen) and left out; returns the unread ones.
	 */
	digestUnread(ref: string): StoredNotification[] {
		return this.#db.transaction(() => {
			this.#db
				.prepare(
					`UPDATE notifications SET email = 'off'
					 WHERE digest_ref = ? AND email = 'pending' AND read_at IS NOT NULL`
				)
				.run(ref);
			const rows = this.#db
				.prepare(
					`SELECT id, user_id, engagement_id, event_id, kind, text, created_at, read_at
					 FROM notifications
					 WHERE digest_ref = ? AND email = 'pending' ORDER BY created_at, rowid`
				)
				.all(ref) as NotificationRow[];
			return rows.map(toNotification);
		})();
	}

	/** How a digest went, for each notification it covered that was still waiting. */
	setDigestStatus(ref: string, status: EmailStatus): void {
		this.#db
			.prepare(`UPDATE notifications SET email = ? WHERE digest_ref = ? AND email = 'pending'`)
			.run(status, ref);
	}

	/** The kind an event was first recorded with, or null if it never was. */
	recordedKind(engagementId: string, eventId: string): NotificationKind | null {
		const row = this.#db
			.prepare('SELECT kind FROM notifications_events WHERE engagement_id = ? AND event_id = ?')
			.get(engagementId, eventId) as { kind: NotificationKind } | undefined;
		return row?.kind ?? null;
	}

	setEmailStatus(notificationId: string, status: EmailStatus): void {
		this.#db.prepare('UPDATE notifications SET email = ? WHERE id = ?').run(status, notificationId);
	}

	/** Newest first. */
	list(userId: string, limit: number): StoredNotification[] {
		const rows = this.#db
			.prepare(
				`SELECT id, user_id, engagement_id, event_id, kind, text, created_at, read_at
				 FROM notifications
				 WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`
			)
			.all(userId, limit) as NotificationRow[];
		return rows.map(toNotification);
	}

	unreadCount(userId: string): number {
		const row = this.#db
			.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL')
			.get(userId) as { n: number };
		return row.n;
	}

	/** Marks the given ids (only the user's own), or all when ids is null; returns how many. */
	markRead(userId: string, ids: readonly string[] | null): number {
		const now = this.#now();
		if (ids === null) {
			return this.#db
				.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL')
				.run(now, userId).changes;
		}
		const mark = this.#db.prepare(
			'UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL'
		);
		return this.#db.transaction(() =>
			ids.reduce((n, id) => n + mark.run(now, id, userId).changes, 0)
		)();
	}

	emailNotifications(userId: string): boolean {
		const row = this.#db
			.prepare('SELECT email_notifications AS on_ FROM user_settings WHERE user_id = ?')
			.get(userId) as { on_: number } | undefined;
		// Emails are on until the user turns them off.
		return row ? row.on_ === 1 : true;
	}

	setEmailNotifications(userId: string, on: boolean): void {
		this.#db
			.prepare(
				`INSERT INTO user_settings (user_id, email_notifications) VALUES (?, ?)
				 ON CONFLICT (user_id) DO UPDATE SET email_notifications = excluded.email_notifications`
			)
			.run(userId, on ? 1 : 0);
	}
}
