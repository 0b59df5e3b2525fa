import type { Db } from '../db';

export const REMINDER_LEADS = ['24h', '1h'] as const;
export type ReminderLead = (typeof REMINDER_LEADS)[number];

export const LEAD_MS: Record<ReminderLead, number> = {
	'24h': 24 * 3_600_000,
	'1h': 3_600_000
};

/**
 * A claim older than this whose send never finished belongs to a process that died mid-send:
 * it is claimed again. Only a crash between the mail server's acceptance and the `sent_at`
 * write can therefore repeat a reminder; a graceful restart waits for sends in flight.
 */
export const STALE_CLAIM_MS = 10 * 60_000;

export interface DueReminder {
	bookingId: string;
	lead: ReminderLead;
	dueAt: number;
}

export type ReminderOutcome = 'sent' | 'skipped' | 'failed';

/**
 * `booking_reminders`: one row per booking × lead (UNIQUE), planned when the booking is made,
 * re-planned when it moves, dropped when it is cancelled. Durable: due rows survive a restart
 * and are caught up on start; a row is claimed in a transaction before it is sent, so two loops
 * (or a restart racing a loop) never both send it.
 */
export class ReminderStore {
	#db: Db;
	#now: () => number;

	constructor(db: Db, now: () => number) {
		this.#db = db;
		this.#now = now;
	}

	/** Plans the reminders still in the future (a booking made 3 h ahead gets only the 1 h one). */
	schedule(bookingId: string, startsAt: number): void {
		const insert = this.#db.prepare(
			`INSERT INTO booking_reminders (booking_id, lead, due_at) VALUES (?, ?, ?)
			 ON CONFLICT (booking_id, lead) DO NOTHING`
		);
		const now = this.#now();
		for (const lead of REMINDER_LEADS) {
			const dueAt = startsAt - LEAD_MS[lead];
			if (dueAt > now) {
				insert.run(bookingId, lead, dueAt);
			}
		}
	}

	/** A moved booking: reminders already sent or still waiting are planned again for the new time. */
	replan(bookingId: string, startsAt: number): void {
		this.#db
			.prepare(
				`DELETE FROM booking_reminders WHERE booking_id = ?
				 AND (claimed_at IS NULL OR sent_at IS NOT NULL)`
			)
			.run(bookingId);
		this.schedule(bookingId, startsAt);
	}

	/** A cancelled booking: reminders not yet being sent are dropped. */
	drop(bookingId: string): void {
		this.#db
			.prepare('DELETE FROM booking_reminders WHERE booking_id = ? AND claimed_at IS NULL')
			.run(bookingId);
	}

	/** Claims up to `limit` due reminders for this process, in one immediate transaction. */
	claimDue(limit = 50): DueReminder[] {
		const run = this.#db.transaction(() => {
			const now = this.#now();
			const rows = this.#db
				.prepare(
					`SELECT booking_id AS bookingId, lead, due_at AS dueAt FROM booking_reminders
					 WHERE sent_at IS NULL AND due_at <= ? AND (claimed_at IS NULL OR claimed_at < ?)
					 ORDER BY due_at LIMIT ?`
				)
				.all(now, now - STALE_CLAIM_MS, limit) as DueReminder[];
			const claim = this.#db.prepare(
				'UPDATE booking_reminders SET claimed_at = ? WHERE booking_id = ? AND lead = ?'
			);
			for (const row of rows) {
				claim.run(now, row.bookingId, row.lead);
			}
			return rows;
		});
		return run.immediate();
	}

	finish(reminder: DueReminder, outcome: ReminderOutcome): void {
		this.#db
			.prepare(
				'UPDATE booking_reminders SET sent_at = ?, outcome = ? WHERE booking_id = ? AND lead = ?'
			)
			.run(this.#now(), outcome, reminder.bookingId, reminder.lead);
	}

	/** The earliest unsent due time, so the loop can sleep until then. */
	nextDueAt(): number | null {
		const row = this.#db
			.prepare('SELECT MIN(due_at) AS next FROM booking_reminders WHERE sent_at IS NULL')
			.get() as { next: number | null };
		return row.next;
	}
}
