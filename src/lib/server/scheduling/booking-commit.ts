import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import type { BookingChangeKind, BookingEffects } from './booking-service';
import type { BookingRecord, BookingStore, SlotClaim, WithinChange } from './booking-store';
import type { EngagementDocs } from './engagement-terms';
import { canonicalZone } from '../../domain/time-zone-name';

const TAKEN = 'This time was just taken.';
const NONE_LEFT =
	'Every session in the package is used or already booked, so no more can be booked. A past booking holds its session until its outcome is recorded.';
const NOT_STORED = 'The booking could not be saved (nothing was changed). Try again.';

export type StoreFailed = { ok: false; reason: 'store-failed' };
const STORE_FAILED: StoreFailed = { ok: false, reason: 'store-failed' };

/** A client booking for themselves tells us where they are (their browser's zone). */
export function selfBookingZone(timeZone: string): { clientZone?: string } {
	const zone = canonicalZone(timeZone);
	return zone ? { clientZone: zone } : {};
}

export interface BookingCommitDeps {
	bookings: Pick<BookingStore, 'forEngagement'>;
	docs: Pick<EngagementDocs, 'writeBookings'>;
	effects: BookingEffects;
	log: (message: string, error: unknown) => void;
}

/**
 * How BookingService stores a change: the row and its emails (the effects' record()) in one
 * transaction, the sending kicked after the commit, then the `sub:` document written. Either a
 * change and its emails both exist or neither does.
 */
export class BookingCommit {
	#d: BookingCommitDeps;

	constructor(deps: BookingCommitDeps) {
		this.#d = deps;
	}

	/**
	 * Stores a change through `write`, whose transaction also runs the effects' record();
	 * kicks the sending once it committed. A failing record() rolls the change back and is
	 * answered as `unavailable` by settle().
	 */
	store<T extends SlotClaim | null>(
		actor: PublicUser,
		kind: BookingChangeKind,
		write: (within: WithinChange) => T,
		previousStartsAt?: number
	): T | StoreFailed {
		let stored: T;
		const before = previousStartsAt === undefined ? {} : { previousStartsAt };
		try {
			stored = write((booking) => this.#d.effects.record({ kind, booking, actor, ...before }));
		} catch (error) {
			this.#d.log(`storing a ${kind} booking change failed (rolled back)`, error);
			return STORE_FAILED;
		}
		if (stored?.ok) {
			this.#d.effects.committed();
		}
		return stored;
	}

	/** The API's answer for a stored (or refused) change, once the `sub:` document has it. */
	async settle(claim: SlotClaim | StoreFailed): Promise<Result<BookingRecord>> {
		if (!claim.ok) {
			return claim.reason === 'store-failed'
				? err('unavailable', NOT_STORED)
				: claim.reason === 'slot-taken'
					? err('slot-taken', TAKEN)
					: err('no-sessions-left', NONE_LEFT);
		}
		const booking = claim.booking;
		try {
			await this.#d.docs.writeBookings(
				booking.engagementId,
				this.#d.bookings.forEngagement(booking.engagementId)
			);
		} catch (error) {
			// The booking stands (SQLite is the authority); the next change re-writes them all.
			this.#d.log(`writing bookings into sub:${booking.engagementId} failed`, error);
		}
		return ok(booking);
	}
}
