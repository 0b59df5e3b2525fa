import type { PublicUser } from '../../domain/account';
import type { Availability } from '../../domain/scheduling';
import { ok, type Result } from '../errors';
import type { AvailabilityStore } from '../scheduling/availability-store';

/**
 * The two availability operations an import needs, straight over the table (what BookingService
 * does; the import parses with the endpoint's schema first), for wiring without the scheduling
 * services (unit tests).
 */
export function availabilityOver(store: AvailabilityStore) {
	return {
		availability: (coach: PublicUser): Availability => store.get(coach.id),
		saveAvailability(coach: PublicUser, availability: Availability): Result<Availability> {
			store.put(coach.id, availability);
			return ok(store.get(coach.id));
		}
	};
}
