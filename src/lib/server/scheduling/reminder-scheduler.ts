import type { Mailer } from '../mail/mailer';
import { DrainLoop } from '../mail-queue/drain-loop';
import type { NotificationService } from '../notifications/notification-service';
import type { BookingAnnouncer } from './booking-announcer';
import { reminderEmail, reminderText, type Side } from './booking-mail';
import type { BookingStore } from './booking-store';
import type { DueReminder, ReminderOutcome, ReminderStore } from './reminder-store';

export interface ReminderSchedulerDeps {
	reminders: ReminderStore;
	bookings: BookingStore;
	mailer: Mailer;
	/** In-app reminders go through the service (email off: the reminder email is our own). */
	notifications: Pick<NotificationService, 'record' | 'emailsOn'>;
	announcer: Pick<BookingAnnouncer, 'zoneOf'>;
	origin: string | undefined;
	now: () => number;
	/** How often the loop looks for due reminders. */
	intervalMs?: number;
	log?: (message: string, error: unknown) => void;
}

const SIDES: readonly Side[] = ['coach', 'client'];

/**
 * Sends the 24 h and 1 h reminders (email and in-app, both sides) from the durable
 * `booking_reminders` table: claim in a transaction, then send, then mark sent. On start it
 * catches up on everything due while the server was down; a booking that has already begun
 * gets no late reminder. `stop()` waits for sends in flight, so a graceful restart neither
 * loses nor repeats one.
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
			for (
				let batch = this.#d.reminders.claimDue();
				batch.length > 0;
				batch = this.#d.reminders.claimDue()
			) {
				for (const reminder of batch) {
					this.#d.reminders.finish(reminder, await this.#deliver(reminder));
					handled += 1;
				}
			}
		} catch (error) {
			this.#log('sending reminders failed', error);
		}
		return handled;
	}

	async #deliver(reminder: DueReminder): Promise<ReminderOutcome> {
		const b = this.#d.bookings.byId(reminder.bookingId);
		if (!b || b.status !== 'confirmed' || this.#d.now() >= b.startsAt) {
			return 'skipped';
		}
		let allSent = true;
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
			allSent &&= (await this.#d.mailer.send(email)).status !== 'failed';
		}
		return allSent ? 'sent' : 'failed';
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
