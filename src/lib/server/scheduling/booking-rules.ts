import type { Role } from '../../domain/account';
import { bookableSessions, type Availability } from '../../domain/scheduling';
import { err, ok, type Result } from '../errors';
import type { EngagementTerms } from './engagement-terms';
import { computeSlots } from './slots';

/** Why this user cannot book in this engagement now, in words for them; null if they can. */
export function bookingBlocker(input: {
	role: Role;
	clientName: string;
	terms: EngagementTerms;
	/** Bookings holding a session (confirmed, outcome not recorded). */
	held: number;
}): string | null {
	const isClient = input.role === 'client';
	if (isClient && !input.terms.selfBooking) {
		return 'Your package does not include booking sessions yourself; ask your coach.';
	}
	// Without a package there is no allowance: the coach books as agreed with the client.
	if (input.terms.remaining !== null && bookableSessions(input.terms.remaining, input.held) === 0) {
		return isClient
			? 'There are no sessions left in your package to book.'
			: `There are no sessions left in ${input.clientName}’s package to book.`;
	}
	return null;
}

/**
 * Coaches may pick any future time; clients only an offered slot. Whether it is still free is
 * not checked here: the claim's transaction decides that, so a race ends in "slot-taken".
 */
export function checkTime(
	role: Role,
	availability: Availability,
	now: number,
	slot: { startsAt: number; sessionMinutes: number }
): Result<null> {
	if (slot.startsAt <= now) {
		return err('invalid-input', 'That time has already passed.');
	}
	if (role === 'coach') {
		return ok(null);
	}
	const offered = computeSlots({
		availability,
		sessionMinutes: slot.sessionMinutes,
		from: slot.startsAt,
		to: slot.startsAt + 1,
		now,
		busy: []
	});
	return offered.some((s) => s.startsAt === slot.startsAt)
		? ok(null)
		: err('invalid-input', 'That time is not open for booking; pick one of the offered times.');
}
