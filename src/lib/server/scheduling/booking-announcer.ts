import type { NotificationKind } from '../../domain/notification-kinds';
import type { Db } from '../db';
import type { MailQueue } from '../mail-queue/mail-queue';
import type { QueueMeta } from '../mail-queue/mail-queue-store';
import type { NotificationService } from '../notifications/notification-service';
import type { AvailabilityStore } from './availability-store';
import { bookingEmail, formatWhen, type Side } from './booking-mail';
import type { BookingChange, BookingChangeKind, BookingEffects } from './booking-service';
import type { BookingRecord } from './booking-store';

const KINDS: Record<BookingChangeKind, NotificationKind> = {
	made: 'booking-made',
	moved: 'booking-changed',
	cancelled: 'booking-cancelled'
};

const VERBS: Record<BookingChangeKind, string> = {
	made: 'booked',
	moved: 'moved',
	cancelled: 'cancelled'
};

export interface AnnouncerDeps {
	/** The notice, both emails and the withdrawal of stale reminders commit together. */
	db: Db;
	mailQueue: Pick<MailQueue, 'enqueue' | 'withdraw' | 'kick'>;
	notifications: Pick<NotificationService, 'record'>;
	availability: AvailabilityStore;
	origin: string | undefined;
	now: () => number;
}

/** The queue ref of one side's email about one change: queueing it twice sends it once. */
export const bookingMailRef = (b: BookingRecord, change: BookingChangeKind, recipientId: string) =>
	`booking:${b.id}:${b.sequence}:${change}:${recipientId}`;

/** Every cancellation queued by an account deletion starts with this (no user id in it). */
export const CLOSING_REF_PREFIX = 'account-deleted:';

const closingMailRef = (b: BookingRecord, side: Side) =>
	`${CLOSING_REF_PREFIX}${b.id}:${b.sequence}:${side}`;

/** Every queued reminder email of a booking starts with this (see ReminderScheduler). */
export const reminderRefPrefix = (bookingId: string) => `reminder:${bookingId}:`;

/**
 * Tells both sides about a stored change: each gets an email with an .ics for their calendar
 * (the one who made the change too: it is their calendar entry), and the other side gets an
 * in-app notification, all in the transaction that stores the change (see zoneOf for whose
 * zone each reads); the .ics carries UTC, so calendars show local time anyway.
 * The emails go through the durable mail queue (a mail server that is down delays them); a
 * cancelled or moved booking's reminder emails still waiting there are withdrawn.
 */
export class BookingAnnouncer implements BookingEffects {
	#d: AnnouncerDeps;

	constructor(deps: AnnouncerDeps) {
		this.#d = deps;
	}

	/**
	 * The zone each side reads a booking's time in: the coach their availability zone, the
	 * client where their browser last was (users.time_zone), else the zone it was booked in.
	 */
	zoneOf(b: BookingRecord, side: Side): string {
		return side === 'coach'
			? this.#d.availability.get(b.coachId).timeZone
			: (b.clientTimeZone ?? b.timeZone);
	}

	/**
	 * Inside the transaction that stores the change (BookingStore's `within`); also usable on
	 * its own (a savepoint then), e.g. to re-announce after a restart: refs make that a no-op.
	 */
	record(change: BookingChange): void {
		this.#d.db.transaction(() => this.#announce(change))();
	}

	committed(): void {
		void this.#d.mailQueue.kick();
	}

	#announce(change: BookingChange): void {
		if (change.closingAccount) {
			this.#announceClosing(change);
			return;
		}
		const { booking: b, actor } = change;
		const otherSide: Side = actor.id === b.coachId ? 'client' : 'coach';
		const who = actor.id === b.coachId ? 'Your coach' : actor.name;
		this.#d.notifications.record(
			{
				engagementId: b.engagementId,
				eventId: `booking:${b.id}:${b.sequence}:${change.kind}`,
				kind: KINDS[change.kind],
				actorId: actor.id,
				recipientId: otherSide === 'coach' ? b.coachId : b.clientId,
				text: `${who} ${VERBS[change.kind]} a session: ${formatWhen(b.startsAt, this.zoneOf(b, otherSide))}`
			},
			// The email below is the booking's own (with the .ics); the notification stays in-app.
			{ email: 'off' }
		);
		this.#queueEmails(b, change.kind, undefined, change.previousStartsAt);
		if (change.kind !== 'made') {
			// Their text names the old time (or a session that is off): wrong now.
			this.#d.mailQueue.withdraw(reminderRefPrefix(b.id), `booking ${change.kind}`);
		}
	}

	/**
	 * A cancellation inside an account deletion: both sides' emails, queued so that they outlive
	 * the rows deleted in the same transaction (no engagement, no deleted user, a ref without
	 * any user id); no in-app notice, which would go with the engagement anyway.
	 */
	#announceClosing(change: BookingChange): void {
		const { booking: b, actor } = change;
		this.#queueEmails(b, change.kind, (side, recipientId) => ({
			userId: recipientId === actor.id ? null : recipientId,
			engagementId: null,
			ref: closingMailRef(b, side)
		}));
		this.#d.mailQueue.withdraw(reminderRefPrefix(b.id), `booking ${change.kind}`);
	}

	/** Each side's email with its .ics; the ref makes a second queueing of the same change a no-op. */
	#queueEmails(
		b: BookingRecord,
		kind: BookingChangeKind,
		meta: (side: Side, recipientId: string) => QueueMeta = (_side, recipientId) => ({
			userId: recipientId,
			engagementId: b.engagementId,
			ref: bookingMailRef(b, kind, recipientId)
		}),
		previousStartsAt?: number
	): void {
		const appUrl = this.#d.origin ?? null;
		const stamp = this.#d.now();
		for (const side of ['coach', 'client'] as const) {
			const recipientId = side === 'coach' ? b.coachId : b.clientId;
			const email = bookingEmail({
				booking: b,
				change: kind,
				side,
				timeZone: this.zoneOf(b, side),
				stamp,
				appUrl,
				previousStartsAt
			});
			this.#d.mailQueue.enqueue(email, meta(side, recipientId));
		}
	}
}
