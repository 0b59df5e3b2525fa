import type { Db } from '../db';
import { DrainLoop } from '../mail-queue/drain-loop';
import type { MailQueue } from '../mail-queue/mail-queue';
import type { NotificationService } from '../notifications/notification-service';
import { reminderRefPrefix, type BookingAnnouncer } from './booking-announcer';
import { reminderEmail, reminderText, type Side } from './booking-mail';
import type { BookingRecord, BookingStore } from './booking-store';
import type { EngagementEndSweep } from './engagement-end-sweep';
import type { DueReminder, ReminderOutcome, ReminderStore } from './reminder-store';

export interface ReminderSchedulerDeps {
	/** Claiming a reminder and queueing its emails is one transaction on this database. */
	db: Db;
	reminders: ReminderStore;
	bookings: BookingStore;
	mailQueue: Pick<MailQueue, 'enqueue' | 'kick'>;
	/** In-app reminders go through the service (email off: the reminder email is our own). */
	notifications: Pick<NotificationService, 'record' | 'emailsOn'>;
	announcer: Pick<BookingAnnouncer, 'zoneOf'>;
	/**
	 * Each pass first cancels what an interrupted engagement end left confirmed, and a booking
	 * of an ended engagement never gets a reminder (see engagement-end-sweep.ts).
	 */
	ended?: Pick<EngagementEndSweep, 'run' | 'hasEnded'>;
	origin: string | undefined;
	now: () => number;
	/** How often the loop looks for due reminders. */
	intervalMs?: number;
	log?: (message: string, error: unknown) => void;
}

const SIDES: readonly Side[] = ['coach', 'client'];

/** The queue ref of one reminder email: one per booking × sequence × lead × recipient. */
export const reminderMailRef = (b: BookingRecord, lead: string, recipientId: string) =>
	`${reminderRefPrefix(b.id)}${b.sequence}:${lead}:${recipientId}`;

/**
 * Hands the 24 h and 1 h reminders (email and in-app, both sides) over from the durable
 * `booking_reminders` table: the claim, the in-app notices, the queued emails and the "done"
 * mark are one SQLite transaction, so a crash neither loses nor doubles a reminder. The mail
 * queue sends the emails (retrying while the mail server is down) but never after the session
 * began: each is queued with the session start as its expiry. On start the loop catches up on
 * everything due while the server was down; a booking that has already begun gets no reminder.
 * Each pass first runs the engagement-end sweep (an ended engagement's sessions are cancelled,
 * also those a crash left confirmed), and a session of an ended engagement is never reminded of.
 *
 *     const scheduler = new ReminderScheduler(deps);
 *     scheduler.start();            // after the server listens
 *     await scheduler.stop();       // before the database closes
 */
export class ReminderScheduler {
	#d: ReminderSchedulerDeps;
	#loop: DrainLoop;

	constructor(deps: ReminderSchedulerDeps) {
		this.#d = deps;
		// The same loop as the mail queue's: periodic passes, never two at once, stop() waits.
		this.#loop = new DrainLoop({ pass: () => this.#pass(), intervalMs: deps.intervalMs ?? 30_000 });
	}

	start(): void {
		this.#loop.start();
	}

	stop(): Promise<void> {
		return this.#loop.stop();
	}

	/** One pass over due reminders; resolves with how many were handled. Never overlaps itself. */
	tick(): Promise<number> {
		return this.#loop.kick();
	}

	async #pass(): Promise<number> {
		let handled = 0;
		try {
			await this.#d.ended?.run();
		} catch (error) {
			this.#log('sweeping bookings of ended engagements failed', error);
		}
		try {
			for (let n = this.#queueBatch(); n > 0; n = this.#queueBatch()) {
				handled += n;
			}
		} catch (error) {
			this.#log('queueing reminders failed', error);
		}
		if (handled > 0) {
			void this.#d.mailQueue.kick();
		}
		return handled;
	}

	#queueBatch(): number {
		const run = this.#d.db.transaction(() => {
			const batch = this.#d.reminders.claimDue();
			for (const reminder of batch) {
				this.#d.reminders.finish(reminder, this.#queue(reminder));
			}
			return batch.length;
		});
		return run.immediate();
	}

	/** Inside the batch's transaction: in-app notices and queued emails, or 'skipped'. */
	#queue(reminder: DueReminder): ReminderOutcome {
		const b = this.#d.bookings.byId(reminder.bookingId);
		if (
			!b ||
			b.status !== 'confirmed' ||
			this.#d.now() >= b.startsAt ||
			this.#d.ended?.hasEnded(b.engagementId)
		) {
			return 'skipped';
		}
		for (const side of SIDES) {
			const recipientId = side === 'coach' ? b.coachId : b.clientId;
			const timeZone = this.#d.announcer.zoneOf(b, side);
			this.#d.notifications.record(
				{
					engagementId: b.engagementId,
					eventId: `booking:${b.id}:${b.sequence}:reminder:${reminder.lead}:${side}`,
					kind: 'booking-reminder',
					actorId: side === 'coach' ? b.clientId : b.coachId,
					recipientId,
					text: reminderText(b, side, reminder.lead, timeZone)
				},
				{ email: 'off' }
			);
			// Reminder emails follow the person's "email notifications" setting; the in-app one stays.
			if (!this.#d.notifications.emailsOn(recipientId)) {
				continue;
			}
			const email = reminderEmail({
				booking: b,
				side,
				lead: reminder.lead,
				timeZone,
				appUrl: this.#d.origin ?? null
			});
			this.#d.mailQueue.enqueue(email, {
				userId: recipientId,
				engagementId: b.engagementId,
				ref: reminderMailRef(b, reminder.lead, recipientId),
				expiresAt: b.startsAt
			});
		}
		// 'sent' = handed to the mail queue; the queue row says whether the email went out.
		return 'sent';
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
