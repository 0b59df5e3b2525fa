import type { PublicUser } from '../../domain/account';
import type { Availability } from '../../domain/scheduling';
import { parseAvailability } from '../../domain/scheduling-availability';
import { err, ok, type Result } from '../errors';
import type { AvailabilityStore } from '../scheduling/availability-store';

/**
 * The two availability operations an import needs, straight over the table with the form's
 * checks (what BookingService does), for wiring without the scheduling services (unit tests).
 */
export function availabilityOver(store: AvailabilityStore) {
	return {
		availability: (coach: PublicUser): Availability => store.get(coach.id),
		saveAvailability(coach: PublicUser, body: unknown): Result<Availability> {
			const parsed = parseAvailability(body);
			if (!parsed.ok) {
				return err('invalid-input', parsed.problem);
			}
			store.put(coach.id, parsed.value);
			return ok(store.get(coach.id));
		}
	};
}
