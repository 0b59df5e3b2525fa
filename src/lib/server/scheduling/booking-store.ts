import type { BookingKind, BookingStatus } from '../../domain/scheduling';
import type { Db } from '../db';
import { generateSecureRandomString } from '../ids';
import { SELECT, toRecord, type BookingRow } from './booking-row';
import { ReminderStore } from './reminder-store';
import { UserTimeZones } from './user-time-zone';

/** A booking with both people's names and addresses, as services need it (instants in ms). */
export interface BookingRecord {
	id: string;
	engagementId: string;
	coachId: string;
	coachName: string;
	coachEmail: string;
	clientId: string;
	clientName: string;
	clientEmail: string;
	clientPhone: string | null;
	/** The zone the client's browser last reported (users.time_zone), null until it has. */
	clientTimeZone: string | null;
	startsAt: number;
	endsAt: number;
	/** The zone the booking was chosen in (shown in the confirmation); instants stay UTC. */
	timeZone: string;
	kind: BookingKind;
	status: BookingStatus;
	/** iCalendar SEQUENCE: 0 when made, +1 on every reschedule or cancellation. */
	sequence: number;
	updatedAt: number;
}

/**
 * Runs inside the transaction that stores a change, after the row is written (queueing its
 * emails): a throw rolls the change back, so a stored change always has its emails.
 */
export type WithinChange = (booking: BookingRecord) => void;

export type SlotClaim =
	{ ok: true; booking: BookingRecord } | { ok: false; reason: 'slot-taken' | 'no-sessions-left' };

function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export interface NewBooking {
	engagementId: string;
	coachId: string;
	clientId: string;
	bookedBy: string;
	startsAt: number;
	endsAt: number;
	timeZone: string;
	kind: BookingKind;
	/** A self-booking: the zone it was made in is also where the client is (users.time_zone). */
	clientZone?: string;
}

/**
 * The `bookings` table, the single authority for who has which time. A booking is claimed in
 * one transaction that re-checks overlap and the session allowance, and a partial UNIQUE index
 * on (coach_id, starts_at) of confirmed bookings stops a second claim of the same start even if
 * a check were ever wrong: two requests for one slot yield one booking and one "slot-taken".
 */
export class BookingStore {
	#db: Db;
	#now: () => number;
	readonly reminders: ReminderStore;

	constructor(db: Db, now: () => number) {
		this.#db = db;
		this.#now = now;
		this.reminders = new ReminderStore(db, now);
	}

	byId(id: string): BookingRecord | null {
		const row = this.#db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BookingRow | undefined;
		return row ? toRecord(row) : null;
	}

	/** Confirmed and cancelled bookings of a user (either side) overlapping [from, to). */
	forUser(userId: string, from: number, to: number): BookingRecord[] {
		const rows = this.#db
			.prepare(
				`${SELECT} WHERE (b.coach_id = ? OR b.client_id = ?) AND b.starts_at < ? AND b.ends_at > ?
				 ORDER BY b.starts_at, b.id`
			)
			.all(userId, userId, to, from) as BookingRow[];
		return rows.map(toRecord);
	}

	forEngagement(engagementId: string): BookingRecord[] {
		const rows = this.#db
			.prepare(`${SELECT} WHERE b.engagement_id = ? ORDER BY b.starts_at, b.id`)
			.all(engagementId) as BookingRow[];
		return rows.map(toRecord);
	}

	/** The coach's confirmed bookings overlapping [from, to): what slots must keep clear of. */
	busy(coachId: string, from: number, to: number): { startsAt: number; endsAt: number }[] {
		return this.#db
			.prepare(
				`SELECT starts_at AS startsAt, ends_at AS endsAt FROM bookings
				 WHERE coach_id = ? AND status = 'confirmed' AND starts_at < ? AND ends_at > ?`
			)
			.all(coachId, to, from) as { startsAt: number; endsAt: number }[];
	}

	#overlaps(input: {
		coachId: string;
		startsAt: number;
		endsAt: number;
		bufferMs: number;
		except: string | null;
	}) {
		return (
			this.#db
				.prepare(
					`SELECT 1 FROM bookings WHERE coach_id = ? AND status = 'confirmed' AND id IS NOT ?
					 AND starts_at < ? AND ends_at > ? LIMIT 1`
				)
				.get(
					input.coachId,
					input.except,
					input.endsAt + input.bufferMs,
					input.startsAt - input.bufferMs
				) !== undefined
		);
	}

	/**
	 * Confirmed bookings of the engagement that hold a session of the package: every one whose
	 * outcome the ledger does not record yet, past ones included (an unrecorded session that
	 * ended still has to be recorded against its booking, so it cannot be booked a second time).
	 */
	heldCount(engagementId: string, recordedBookingIds: readonly string[] = []): number {
		const row = this.#db
			.prepare(
				`SELECT COUNT(*) AS n FROM bookings WHERE engagement_id = ? AND status = 'confirmed'
				 AND id NOT IN (SELECT value FROM json_each(?))`
			)
			.get(engagementId, JSON.stringify(recordedBookingIds)) as { n: number };
		return row.n;
	}

	/**
	 * Claims a slot. `sessionsLeft` is what the package has left per its ledger (null: no
	 * package, no allowance to count against); the held bookings are counted inside the
	 * transaction, so two bookings racing for the last session cannot both pass.
	 */
	claim(
		input: NewBooking & {
			bufferMs: number;
			sessionsLeft: number | null;
			recordedBookingIds?: readonly string[];
		},
		within?: WithinChange
	): SlotClaim {
		const id = generateSecureRandomString();
		const run = this.#db.transaction((): SlotClaim => {
			if (
				input.sessionsLeft !== null &&
				this.heldCount(input.engagementId, input.recordedBookingIds) >= input.sessionsLeft
			) {
				return { ok: false, reason: 'no-sessions-left' };
			}
			if (this.#overlaps({ ...input, except: null })) {
				return { ok: false, reason: 'slot-taken' };
			}
			const now = this.#now();
			this.#db
				.prepare(
					`INSERT INTO bookings (id, engagement_id, coach_id, client_id, booked_by, starts_at, ends_at,
					 time_zone, kind, status, sequence, created_at, updated_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', 0, ?, ?)`
				)
				.run(
					id,
					input.engagementId,
					input.coachId,
					input.clientId,
					input.bookedBy,
					input.startsAt,
					input.endsAt,
					input.timeZone,
					input.kind,
					now,
					now
				);
			this.reminders.schedule(id, input.startsAt);
			if (input.clientZone) {
				new UserTimeZones(this.#db).set(input.clientId, input.clientZone);
			}
			return this.#stored(id, within);
		});
		try {
			return run.immediate();
		} catch (error) {
			if (isUniqueViolation(error)) {
				return { ok: false, reason: 'slot-taken' };
			}
			throw error;
		}
	}

	/** Moves a confirmed booking (SEQUENCE + 1) and re-plans its reminders. */
	move(
		input: {
			id: string;
			coachId: string;
			startsAt: number;
			endsAt: number;
			bufferMs: number;
			timeZone: string;
		},
		within?: WithinChange
	): SlotClaim {
		const run = this.#db.transaction((): SlotClaim => {
			if (this.#overlaps({ ...input, except: input.id })) {
				return { ok: false, reason: 'slot-taken' };
			}
			this.#db
				.prepare(
					`UPDATE bookings SET starts_at = ?, ends_at = ?, time_zone = ?, sequence = sequence + 1,
					 updated_at = ? WHERE id = ? AND status = 'confirmed'`
				)
				.run(input.startsAt, input.endsAt, input.timeZone, this.#now(), input.id);
			this.reminders.replan(input.id, input.startsAt);
			return this.#stored(input.id, within);
		});
		try {
			return run.immediate();
		} catch (error) {
			if (isUniqueViolation(error)) {
				return { ok: false, reason: 'slot-taken' };
			}
			throw error;
		}
	}

	/**
	 * Cancels (SEQUENCE + 1) and drops its unsent reminders, in one immediate transaction with
	 * `within`; null if it was not confirmed.
	 */
	cancel(id: string, reason: string | null, within?: WithinChange): BookingRecord | null {
		const run = this.#db.transaction(() => {
			const result = this.#db
				.prepare(
					`UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, cancel_reason = ?,
					 updated_at = ? WHERE id = ? AND status = 'confirmed'`
				)
				.run(reason, this.#now(), id);
			if (result.changes !== 1) {
				return null;
			}
			this.reminders.drop(id);
			const stored = this.#stored(id, within);
			return stored.ok ? stored.booking : null;
		});
		return run.immediate();
	}

	#stored(id: string, within: WithinChange | undefined): { ok: true; booking: BookingRecord } {
		const booking = this.byId(id)!;
		within?.(booking);
		return { ok: true, booking };
	}
}
