import type { Booking } from '../../api/scheduling';
import type { BookingRecord } from './booking-store';

/** A booking as the API returns it (instants as ISO UTC). */
export function bookingView(b: BookingRecord): Booking {
	return {
		id: b.id,
		engagementId: b.engagementId,
		startsAt: new Date(b.startsAt).toISOString(),
		endsAt: new Date(b.endsAt).toISOString(),
		timeZone: b.timeZone,
		kind: b.kind,
		status: b.status,
		sequence: b.sequence,
		coach: { id: b.coachId, name: b.coachName },
		client: { id: b.clientId, name: b.clientName, phone: b.clientPhone }
	};
}
