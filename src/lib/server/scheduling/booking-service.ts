import {
	BOOKING_RANGE_MESSAGE,
	type BookingRangeQuery,
	type BookingRequest,
	type CancelRequest,
	type RescheduleRequest,
	type SlotList,
	type SlotQuery
} from '../../api/scheduling';
import type { PublicUser } from '../../domain/account';
import { mayChangeBooking, type Availability } from '../../domain/scheduling';
import { err, ok, type Result } from '../errors';
import type { Engagement, EngagementStore } from '../memberships/engagement-store';
import type { AvailabilityStore } from './availability-store';
import type { BookingRecord, BookingStore, SlotClaim } from './booking-store';
import type { EngagementDocs, EngagementTerms } from './engagement-terms';
import { bookingBlocker, checkTime } from './booking-rules';
import { computeSlots, dayWindow, todayIn } from './slots';
import type { UserTimeZones } from './user-time-zone';
import { BookingCommit, selfBookingZone } from './booking-commit';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest list of bookings one request may ask for. */
const MAX_RANGE_DAYS = 400;

export type BookingChangeKind = 'made' | 'moved' | 'cancelled';

export interface BookingChange {
	kind: BookingChangeKind;
	booking: BookingRecord;
	actor: Pick<PublicUser, 'id' | 'name' | 'role'>;
	/**
	 * Set when the actor's account is being deleted in the same transaction: the engagement and
	 * the actor's rows go with it, so the emails must not reference them (see account-closing.ts).
	 */
	closingAccount?: boolean;
	/** On a move: when the session was before, so the emails can say "from … to …". */
	previousStartsAt?: number;
}

/** What a change brings with it: the emails and in-app notices (the sub: document is written after). */
export interface BookingEffects {
	/**
	 * Runs synchronously inside the transaction that stores the change (queueing the emails):
	 * a throw rolls the change back, so a stored change always has its emails and none is lost
	 * to a crash right after the commit.
	 */
	record(change: BookingChange): void;
	/** After the commit: start sending what record() queued. */
	committed(): void;
}

export interface BookingServiceDeps {
	bookings: BookingStore;
	availability: AvailabilityStore;
	engagements: EngagementStore;
	docs: EngagementDocs;
	effects: BookingEffects;
	zones: Pick<UserTimeZones, 'of'>;
	now: () => number;
	log?: (message: string, error: unknown) => void;
}

type ActiveEngagement = Engagement & { clientId: string };

const UNAVAILABLE =
	'Booking is not possible right now (the document server is not running). Try again.';

/**
 * The single authority for slots and bookings. Clients book only offered slots (their coach's
 * hours, notice and horizon, with self-booking on); coaches may book any future time that is
 * free. Every change is stored in SQLite together with its emails and notice (one transaction,
 * see BookingCommit; BookingStore.claim for the race), then written into the engagement's
 * `sub:` document.
 */
export class BookingService {
	#d: BookingServiceDeps;
	#commit: BookingCommit;

	constructor(deps: BookingServiceDeps) {
		this.#d = deps;
		this.#commit = new BookingCommit({ ...deps, log: (m, e) => this.#log(m, e) });
	}

	availability(coach: PublicUser): Availability {
		return this.#d.availability.get(coach.id);
	}

	saveAvailability(coach: PublicUser, availability: Availability): Result<Availability> {
		this.#d.availability.put(coach.id, availability);
		return ok(this.#d.availability.get(coach.id));
	}

	async slots(user: PublicUser, engagementId: string, query: SlotQuery): Promise<Result<SlotList>> {
		const engagement = this.#engagement(user, engagementId);
		if (!engagement.ok) {
			return engagement;
		}
		const terms = await this.#terms(engagementId);
		if (!terms.ok) {
			return terms;
		}
		const e = engagement.value;
		const a = this.#d.availability.get(e.coachId);
		const now = this.#d.now();
		const zone = query.timeZone ?? a.timeZone;
		const window = dayWindow(query.from ?? todayIn(zone, now), query.days, zone);
		const slots = computeSlots({
			availability: a,
			sessionMinutes: terms.value.sessionMinutes,
			...window,
			now,
			busy: this.#d.bookings.busy(e.coachId, window.from - DAY, window.to + DAY)
		});
		const reason = bookingBlocker({
			role: user.role,
			clientName: e.clientName,
			terms: terms.value,
			held: this.#d.bookings.heldCount(e.id, terms.value.recordedBookingIds)
		});
		return ok({
			timeZone: a.timeZone,
			sessionMinutes: terms.value.sessionMinutes,
			slots: slots.map((s) => ({
				startsAt: new Date(s.startsAt).toISOString(),
				endsAt: new Date(s.endsAt).toISOString()
			})),
			canBook: reason === null,
			...(reason === null ? {} : { reason }),
			maxDaysAhead: a.maxDaysAhead,
			cancelNoticeHours: a.cancelNoticeHours,
			clientTimeZone: this.#d.zones.of(e.clientId)
		});
	}

	async book(
		user: PublicUser,
		engagementId: string,
		request: BookingRequest
	): Promise<Result<BookingRecord>> {
		const engagement = this.#engagement(user, engagementId);
		if (!engagement.ok) {
			return engagement;
		}
		const terms = await this.#terms(engagementId);
		if (!terms.ok) {
			return terms;
		}
		const e = engagement.value;
		if (user.role === 'client' && !terms.value.selfBooking) {
			return err(
				'self-booking-off',
				'Your package does not include booking sessions yourself; ask your coach.'
			);
		}
		const { startsAt, kind, timeZone } = request;
		const a = this.#d.availability.get(e.coachId);
		const endsAt = startsAt + terms.value.sessionMinutes * MINUTE;
		const offered = checkTime(user.role, a, this.#d.now(), {
			startsAt,
			sessionMinutes: terms.value.sessionMinutes
		});
		if (!offered.ok) {
			return offered;
		}
		const claim = this.#commit.store(user, 'made', (within) =>
			this.#d.bookings.claim(
				{
					engagementId,
					coachId: e.coachId,
					clientId: e.clientId,
					bookedBy: user.id,
					startsAt,
					endsAt,
					timeZone,
					kind,
					bufferMs: a.bufferMinutes * MINUTE,
					sessionsLeft: terms.value.remaining,
					recordedBookingIds: terms.value.recordedBookingIds,
					...(user.role === 'client' ? selfBookingZone(timeZone) : {})
				},
				within
			)
		);
		return this.#commit.settle(claim);
	}

	list(user: PublicUser, range: { from: number; to: number }): BookingRecord[] {
		return this.#d.bookings.forUser(user.id, range.from, range.to);
	}

	/** `GET /api/bookings`: either end may be left out (a day ago; 60 days ahead). */
	listRange(user: PublicUser, query: BookingRangeQuery): Result<BookingRecord[]> {
		const now = this.#d.now();
		const { from = now - DAY, to = now + 60 * DAY } = query;
		if (to <= from) {
			return err('invalid-input', BOOKING_RANGE_MESSAGE);
		}
		if (to - from > MAX_RANGE_DAYS * DAY) {
			return err('invalid-input', `Ask for at most ${MAX_RANGE_DAYS} days at once.`);
		}
		return ok(this.list(user, { from, to }));
	}

	async cancel(
		user: PublicUser,
		bookingId: string,
		input: CancelRequest
	): Promise<Result<BookingRecord>> {
		const booking = this.#changeable(user, bookingId);
		if (!booking.ok) {
			return booking;
		}
		const cancelled = this.#commit.store(user, 'cancelled', (within): SlotClaim | null => {
			const stored = this.#d.bookings.cancel(bookingId, input.reason, within);
			return stored ? { ok: true, booking: stored } : null;
		});
		if (cancelled === null) {
			return err('conflict', 'This booking is already cancelled.');
		}
		return this.#commit.settle(cancelled);
	}

	async reschedule(
		user: PublicUser,
		bookingId: string,
		input: RescheduleRequest
	): Promise<Result<BookingRecord>> {
		const booking = this.#changeable(user, bookingId);
		if (!booking.ok) {
			return booking;
		}
		const b = booking.value;
		const sessionMinutes = Math.round((b.endsAt - b.startsAt) / MINUTE);
		const a = this.#d.availability.get(b.coachId);
		const offered = checkTime(user.role, a, this.#d.now(), {
			startsAt: input.startsAt,
			sessionMinutes
		});
		if (!offered.ok) {
			return offered;
		}
		const claim = this.#commit.store(
			user,
			'moved',
			(within) =>
				this.#d.bookings.move(
					{
						id: b.id,
						coachId: b.coachId,
						startsAt: input.startsAt,
						endsAt: input.startsAt + sessionMinutes * MINUTE,
						timeZone: input.timeZone ?? b.timeZone,
						bufferMs: a.bufferMinutes * MINUTE
					},
					within
				),
			b.startsAt
		);
		return this.#commit.settle(claim);
	}

	#changeable(user: PublicUser, bookingId: string): Result<BookingRecord> {
		const b = this.#d.bookings.byId(bookingId);
		if (!b || (b.coachId !== user.id && b.clientId !== user.id)) {
			return err('not-found', 'No such booking.');
		}
		if (b.status !== 'confirmed') {
			return err('conflict', 'This booking is already cancelled.');
		}
		const { cancelNoticeHours } = this.#d.availability.get(b.coachId);
		const role = user.id === b.coachId ? 'coach' : 'client';
		if (!mayChangeBooking({ role, startsAt: b.startsAt, now: this.#d.now(), cancelNoticeHours })) {
			return err(
				'too-late',
				`Sessions can be cancelled or moved up to ${cancelNoticeHours} hours before they start; please contact your coach.`
			);
		}
		return ok(b);
	}

	#engagement(user: PublicUser, engagementId: string): Result<ActiveEngagement> {
		const e = this.#d.engagements.byId(engagementId);
		if (!e || (e.coachId !== user.id && e.clientId !== user.id)) {
			// Same answer for unknown and foreign engagements: ids are not to be probed.
			return err('not-found', 'No such engagement.');
		}
		if (e.status !== 'active' || e.clientId === null) {
			return err(
				'conflict',
				'Sessions can be booked once the client has joined (and until the engagement ends).'
			);
		}
		return ok({ ...e, clientId: e.clientId });
	}

	async #terms(engagementId: string): Promise<Result<EngagementTerms>> {
		try {
			return ok(await this.#d.docs.terms(engagementId));
		} catch (error) {
			this.#log(`reading sub:${engagementId} failed`, error);
			return err('unavailable', UNAVAILABLE);
		}
	}

	#log(message: string, error: unknown): void {
		(this.#d.log ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
	}
}
