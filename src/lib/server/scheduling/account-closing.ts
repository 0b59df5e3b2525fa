import type { PublicUser } from '../../domain/account';
import { CLOSING_REF_PREFIX } from './booking-announcer';
import type { BookingEffects } from './booking-service';
import type { BookingRecord, BookingStore } from './booking-store';

export interface AccountClosingDeps {
	bookings: Pick<BookingStore, 'forUser' | 'cancel'>;
	effects: BookingEffects;
	now: () => number;
}

export const CLOSED_REASON = 'The account was deleted.';

/**
 * Deleting an account cancels its future sessions the way ending an engagement does
 * (engagement-end.ts): each booking through BookingStore.cancel (SEQUENCE + 1, reminders
 * dropped) with both sides' METHOD:CANCEL emails queued by the same effects. The difference is
 * the transaction: `cancelAll` runs INSIDE the one that deletes the account's rows
 * (DeletionStore.deleteUser), so a crash leaves either the account with its bookings or neither,
 * and the emails, queued with `closingAccount`, outlive the rows they name (booking-announcer.ts).
 * There is no `sub:` document to update: the deletion removes it.
 *
 *     store.deleteUser(user, () => closing.cancelAll(user));
 *     closing.committed(); // after the commit: start sending
 */
export class AccountClosingBookings {
	#d: AccountClosingDeps;

	constructor(deps: AccountClosingDeps) {
		this.#d = deps;
	}

	/**
	 * Cancels every confirmed booking of the user (either side) that has not started. A throw
	 * (an email that cannot be queued) rolls the whole deletion back: no account goes with a
	 * session its other side was not told about.
	 */
	cancelAll(user: Pick<PublicUser, 'id' | 'name' | 'role'>): BookingRecord[] {
		const now = this.#d.now();
		return this.#d.bookings
			.forUser(user.id, now, Number.MAX_SAFE_INTEGER)
			.filter((b) => b.status === 'confirmed' && b.startsAt > now)
			.map((b) =>
				this.#d.bookings.cancel(b.id, CLOSED_REASON, (booking) =>
					this.#d.effects.record({
						kind: 'cancelled',
						booking,
						actor: user,
						closingAccount: true
					})
				)
			)
			.filter((b): b is BookingRecord => b !== null);
	}

	committed(): void {
		this.#d.effects.committed();
	}

	isClosingMail(ref: string): boolean {
		return ref.startsWith(CLOSING_REF_PREFIX);
	}
}
